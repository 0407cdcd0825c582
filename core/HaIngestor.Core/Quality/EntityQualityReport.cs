namespace HaIngestor.Core.Quality;

/// <summary>One entity's data quality as of an evaluation; also what a status change reports.</summary>
/// <param name="Home">The home (empty when the events carry none).</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Domain">The entity's domain.</param>
/// <param name="Status">The status now.</param>
/// <param name="PreviousStatus">The status before this evaluation (the same as <paramref name="Status"/> when unchanged).</param>
/// <param name="At">When the status became what it is (last seen plus the bound for silence, and so on): the point's time.</param>
/// <param name="LastSeen">Event time of the latest state change.</param>
/// <param name="LastSeenAge">The home's clock minus <paramref name="LastSeen"/>.</param>
/// <param name="SilentAfter">How long without a change makes it silent.</param>
/// <param name="TypicalInterval">The learned typical reporting interval; null while learning.</param>
/// <param name="UnavailableRatio">Share of state changes that were <c>unavailable</c> or <c>unknown</c>.</param>
/// <param name="LastValue">The last numeric state; null when it was not a number.</param>
/// <param name="Silent">No change for longer than <paramref name="SilentAfter"/>.</param>
/// <param name="StuckUnavailable"><c>unavailable</c> for longer than the configured time.</param>
/// <param name="OutOfRange">The last value is implausible for its device class.</param>
public sealed record EntityQualityReport(
    string Home,
    string EntityId,
    string Domain,
    QualityStatus Status,
    QualityStatus PreviousStatus,
    DateTimeOffset At,
    DateTimeOffset LastSeen,
    TimeSpan LastSeenAge,
    TimeSpan SilentAfter,
    TimeSpan? TypicalInterval,
    double UnavailableRatio,
    double? LastValue,
    bool Silent,
    bool StuckUnavailable,
    bool OutOfRange);
