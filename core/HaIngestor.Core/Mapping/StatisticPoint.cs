namespace HaIngestor.Core.Mapping;

/// <summary>One hour of a Home Assistant long-term statistic; null where the statistic has no such value.</summary>
/// <param name="StatisticId">The statistic id, e.g. <c>sensor.house_energy</c>.</param>
/// <param name="Start">The hour's start, the point's timestamp.</param>
public sealed record StatisticPoint(string StatisticId, DateTimeOffset Start, double? Mean, double? Min, double? Max, double? State, double? Sum, double? Change)
{
    /// <summary>True when at least one value is present (a point needs a field).</summary>
    public bool HasValue => Mean is not null || Min is not null || Max is not null || State is not null || Sum is not null || Change is not null;
}
