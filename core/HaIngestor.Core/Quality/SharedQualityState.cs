namespace HaIngestor.Core.Quality;

/// <summary>
/// Tracker state shared between instances (e.g. through Redis): entity states as opaque bytes, each home's clock,
/// and the last reported status per entity.
/// </summary>
/// <param name="Entities">Entity states, encoded by the tracker.</param>
/// <param name="HomeClocks">The latest event time seen per home.</param>
/// <param name="Statuses">The status last reported per entity.</param>
public sealed record SharedQualityState(
    IReadOnlyList<SharedEntityState> Entities,
    IReadOnlyList<SharedHomeClock> HomeClocks,
    IReadOnlyList<SharedEntityStatus> Statuses)
{
    /// <summary>Nothing shared.</summary>
    public static SharedQualityState Empty { get; } = new([], [], []);
}
