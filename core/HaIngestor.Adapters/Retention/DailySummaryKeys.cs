using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Schema;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// Daily summary points (docs/RETENTION.md): the raw measurement's name and tags, four fields of the day's
/// <c>value</c>. The continuous query of InfluxDB 1.x writes the same keys.
/// </summary>
internal static class DailySummaryKeys
{
    /// <summary>Float: the day's mean.</summary>
    public static readonly PointKey Mean = PointKey.Field("value_mean", PointFieldType.Float);

    /// <summary>Float: the day's minimum.</summary>
    public static readonly PointKey Min = PointKey.Field("value_min", PointFieldType.Float);

    /// <summary>Float: the day's maximum.</summary>
    public static readonly PointKey Max = PointKey.Field("value_max", PointFieldType.Float);

    /// <summary>Integer: how many raw values the day had.</summary>
    public static readonly PointKey Count = PointKey.Field("value_count", PointFieldType.Integer);

    /// <summary>The summary's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        "<raw measurement> (summary retention policy or bucket)",
        [PointSchema.Default, PointSchema.HomeAssistant],
        [Mean, Min, Max, Count],
        [new PointKeyFamily("<raw tag key>", PointKeyKind.Tag, null, "", "", PointKeyFamilySource.RawTags)]);
}
