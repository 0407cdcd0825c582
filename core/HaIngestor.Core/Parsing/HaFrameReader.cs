namespace HaIngestor.Core.Parsing;

/// <summary>
/// Splits a WebSocket text frame, a single message object or a coalesced JSON array of them
/// (<c>supported_features</c> / <c>coalesce_messages</c>), into messages without copying.
/// </summary>
public static class HaFrameReader
{
    /// <summary>
    /// Appends every message of <paramref name="frame"/> to <paramref name="messages"/>.
    /// Returns false (and appends nothing) when the frame is not valid JSON or not an object or array of objects;
    /// <paramref name="error"/> then says why. Never throws on bad input.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> frame, List<HaMessage> messages, out string? error)
    {
        throw new NotImplementedException();
    }
}
