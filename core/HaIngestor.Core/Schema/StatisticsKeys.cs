using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary>
/// Home Assistant's hourly long-term statistics, as <c>connector backfill --statistics</c> reads them from the recorder
/// (measurement <c>home_assistant_statistics</c>, both schemas): one point per statistic and hour, at the hour's start.
/// </summary>
public static class StatisticsKeys
{
    /// <summary>The measurement name.</summary>
    public const string Measurement = "home_assistant_statistics";

    /// <summary>Tag: the statistic id (for an entity's statistics, its entity id).</summary>
    public static readonly PointKey EntityId = PointKey.Tag("entity_id");

    /// <summary>Tag: the home.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>Float: the hour's mean (<c>measurement</c> sensors).</summary>
    public static readonly PointKey Mean = PointKey.Field("mean", PointFieldType.Float);

    /// <summary>Float: the hour's minimum.</summary>
    public static readonly PointKey Min = PointKey.Field("min", PointFieldType.Float);

    /// <summary>Float: the hour's maximum.</summary>
    public static readonly PointKey Max = PointKey.Field("max", PointFieldType.Float);

    /// <summary>Float: the meter reading at the hour's end (<c>total</c> and <c>total_increasing</c> sensors); HA's <c>state</c>, renamed because <c>state</c> is a string field of the state measurements.</summary>
    public static readonly PointKey StatisticState = PointKey.Field("statistic_state", PointFieldType.Float);

    /// <summary>Float: the growth since the statistic began (HA's <c>sum</c>).</summary>
    public static readonly PointKey Sum = PointKey.Field("sum", PointFieldType.Float);

    /// <summary>Float: the growth within the hour (HA's <c>change</c>).</summary>
    public static readonly PointKey Change = PointKey.Field("change", PointFieldType.Float);

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        Measurement,
        [PointSchema.Default, PointSchema.HomeAssistant],
        [EntityId, Home, Mean, Min, Max, StatisticState, Sum, Change]);
}
