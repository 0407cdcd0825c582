namespace HaIngestor.Core.Sinks;

/// <summary>Outcome of a sink write: which lines (0-based indexes into the batch) the sink refused, and why.</summary>
/// <param name="RejectedLines">Lines the sink refused for good (e.g. field type conflict); empty when all were written.</param>
/// <param name="Reason">The sink's reason for the rejections, or null.</param>
public sealed record SinkWriteResult(IReadOnlyList<int> RejectedLines, string? Reason)
{
    /// <summary>Everything was written.</summary>
    public static SinkWriteResult Success { get; } = new(Array.Empty<int>(), null);
}
