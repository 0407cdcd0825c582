using HaIngestor.Core.Quality;

namespace HaIngestor.Adapters.Quality;

/// <summary>An entity's latest quality point as read back from InfluxDB.</summary>
/// <param name="Home">The home tag (empty when none).</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Domain">The domain tag.</param>
/// <param name="Status">The status the point recorded.</param>
/// <param name="Since">The point's time: when the status began.</param>
/// <param name="LastSeen">When the entity last changed, as of the point.</param>
/// <param name="SilentAfter">Its silence bound.</param>
/// <param name="TypicalInterval">Its learned reporting interval, when it was learned.</param>
/// <param name="UnavailableRatio">Share of its changes that were unavailable or unknown.</param>
/// <param name="LastValue">Its last numeric value, when it had one.</param>
public sealed record QualityRecord(
    string Home,
    string EntityId,
    string Domain,
    QualityStatus Status,
    DateTimeOffset Since,
    DateTimeOffset LastSeen,
    TimeSpan SilentAfter,
    TimeSpan? TypicalInterval,
    double UnavailableRatio,
    double? LastValue);
