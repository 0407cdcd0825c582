namespace HaIngestor.Core.Processing;

/// <summary>
/// Sees every batch of event messages before it is processed, e.g. the <c>homeassistant</c> weather provider, which
/// takes the weather from <c>weather.*</c> entity states in the stream itself.
/// </summary>
public interface IBatchObserver
{
    /// <summary>Called once per batch, before enrichment. Must be fast, must not throw, must not keep the buffers.</summary>
    void Observe(IReadOnlyList<ReadOnlyMemory<byte>> eventMessages);
}
