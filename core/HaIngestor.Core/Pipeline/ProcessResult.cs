using HaIngestor.Core.Quality;

namespace HaIngestor.Core.Pipeline;

/// <summary>The result of processing one event message.</summary>
/// <param name="Outcome">Written, skipped or rejected.</param>
/// <param name="Lines">Lines written for this event (0 unless written).</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Detail">A human-readable detail for rejections (never contains secrets); null otherwise.</param>
public readonly record struct ProcessResult(ProcessOutcome Outcome, int Lines, RejectReason Reason, string? Detail)
{
    /// <summary>
    /// The event's <c>time_fired</c> (UTC) as the pipeline's one read found it, also for rejected events whose
    /// time was readable; null otherwise. What the lag metric measures, so nobody reads the message again for it.
    /// </summary>
    public DateTimeOffset? TimeFired { get; init; }

    /// <summary>The event's context id (a ULID), only when <see cref="EventPipeline.Process"/> was asked for it.</summary>
    public string? ContextId { get; init; }

    /// <summary>The data-quality counters of the event's home and domain, when quality is tracked and the event was readable.</summary>
    internal DomainCounts? Quality { get; init; }

    /// <summary>Results are equal when outcome, lines, reason and detail are: what the event was, not facts read beside it.</summary>
    public bool Equals(ProcessResult other) =>
        Outcome == other.Outcome && Lines == other.Lines && Reason == other.Reason && string.Equals(Detail, other.Detail, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Outcome, Lines, Reason, Detail);

    /// <summary>A written result.</summary>
    public static ProcessResult Written(int lines) => new(ProcessOutcome.Written, lines, RejectReason.None, null);

    /// <summary>A skipped result.</summary>
    public static ProcessResult Skipped { get; } = new(ProcessOutcome.Skipped, 0, RejectReason.None, null);

    /// <summary>A rejection.</summary>
    public static ProcessResult Rejected(RejectReason reason, string detail) => new(ProcessOutcome.Rejected, 0, reason, detail);
}
