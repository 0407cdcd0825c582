namespace HaIngestor.Core.Processing;

/// <summary>Who is processing a batch and what to do when the sink stays unavailable.</summary>
/// <param name="Source">Recorded in dead letters (<c>functions</c>, <c>connector</c>, <c>replay</c>).</param>
public sealed record BatchContext(string Source)
{
    /// <summary>
    /// The caller will not retry this batch (e.g. the last attempt of the Event Hubs trigger, whose checkpoint advances
    /// anyway): whatever cannot be written is dead-lettered instead of thrown.
    /// </summary>
    public bool IsFinalAttempt { get; init; }

    /// <summary>Dead-letter unwritten events on a sink failure even when this is not the final attempt.</summary>
    public bool DeadLetterOnSinkFailure { get; init; }

    /// <summary>
    /// On a sink failure that is not dead-lettered, return the unwritten messages in
    /// <see cref="BatchOutcome.Unwritten"/> instead of throwing (e.g. for a caller that journals them).
    /// </summary>
    public bool ReturnUnwrittenOnSinkFailure { get; init; }

    /// <summary>The caller's attempt number (1-based), recorded in dead letters.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When the batch's events were first received, when known; recorded in dead letters.</summary>
    public DateTimeOffset? FirstSeenAt { get; init; }

    /// <summary>True when a sink failure must end in the dead-letter store.</summary>
    internal bool DeadLettersSinkFailures => IsFinalAttempt || DeadLetterOnSinkFailure;
}
