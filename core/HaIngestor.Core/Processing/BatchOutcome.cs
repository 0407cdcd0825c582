namespace HaIngestor.Core.Processing;

/// <summary>What happened to a batch. Every received message is written, skipped, dead-lettered or in <see cref="Unwritten"/>.</summary>
/// <param name="Received">Event messages in the batch.</param>
/// <param name="WrittenLines">Lines the sink accepted.</param>
/// <param name="WrittenEvents">Events whose lines the sink accepted.</param>
/// <param name="Skipped">Valid events deliberately not written.</param>
/// <param name="Rejected">Events the pipeline rejected as invalid.</param>
/// <param name="SinkRejected">Events whose lines the sink refused for good (e.g. field type conflict).</param>
/// <param name="DeadLettered">Events put in the dead-letter store (invalid, sink-rejected or sink-unavailable).</param>
/// <param name="Unwritten">
/// Messages not written because the sink was unavailable, returned only with
/// <see cref="BatchContext.ReturnUnwrittenOnSinkFailure"/>; empty otherwise.
/// </param>
/// <param name="SinkFailure">The sink failure's message when the sink was unavailable; null otherwise.</param>
public sealed record BatchOutcome(
    int Received,
    int WrittenLines,
    int WrittenEvents,
    int Skipped,
    int Rejected,
    int SinkRejected,
    int DeadLettered,
    IReadOnlyList<ReadOnlyMemory<byte>> Unwritten,
    string? SinkFailure)
{
    /// <summary>An empty batch's outcome.</summary>
    public static BatchOutcome Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, Array.Empty<ReadOnlyMemory<byte>>(), null);
}
