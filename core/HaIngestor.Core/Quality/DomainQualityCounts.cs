namespace HaIngestor.Core.Quality;

/// <summary>Events of one domain of one home since start: what happened to them, and the rejected share.</summary>
/// <param name="Home">The home (empty when the events carry none).</param>
/// <param name="Domain">The entity (or service) domain; <c>other</c> for other event types, <c>unknown</c> when unreadable.</param>
/// <param name="Accepted">Valid events the pipeline wrote.</param>
/// <param name="Skipped">Valid events deliberately not written.</param>
/// <param name="DeadLetteredByReason">Events put in the dead-letter store (rejected ones and those the sink refused), by reason (only reasons that occurred).</param>
/// <param name="Rejected">Rejected events by reason (only reasons that occurred).</param>
public sealed record DomainQualityCounts(
    string Home,
    string Domain,
    long Accepted,
    long Skipped,
    IReadOnlyDictionary<string, long> DeadLetteredByReason,
    IReadOnlyDictionary<string, long> Rejected)
{
    /// <summary>All dead-lettered events.</summary>
    public long DeadLettered => DeadLetteredByReason.Values.Sum();

    /// <summary>All rejected events.</summary>
    public long RejectedTotal => Rejected.Values.Sum();

    /// <summary>Rejected over everything seen; 0 when nothing was seen.</summary>
    public double RejectedRatio => Accepted + Skipped + RejectedTotal is var all && all == 0 ? 0 : (double)RejectedTotal / all;

    /// <summary>Dead-lettered over everything seen; 0 when nothing was seen.</summary>
    public double DeadLetteredRatio => Accepted + Skipped + RejectedTotal is var all && all == 0 ? 0 : Math.Min(1, (double)DeadLettered / all);
}
