using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Schema;

namespace HaIngestor.Core.Quality;

/// <summary>Quality status change points (measurement <c>Quality:Measurement</c>, both schemas).</summary>
public static class QualityKeys
{
    /// <summary>Tag: the entity's domain.</summary>
    public static readonly PointKey Domain = PointKey.Tag("domain");

    /// <summary>Tag: the entity id.</summary>
    public static readonly PointKey EntityId = PointKey.Tag("entity_id");

    /// <summary>Tag: the home.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>String: the new status.</summary>
    public static readonly PointKey Status = PointKey.Field("status", PointFieldType.String);

    /// <summary>String: the status before.</summary>
    public static readonly PointKey PreviousStatus = PointKey.Field("previous_status", PointFieldType.String);

    /// <summary>Bool: no event for longer than expected.</summary>
    public static readonly PointKey Silent = PointKey.Field("silent", PointFieldType.Boolean);

    /// <summary>Bool: unavailable for too long.</summary>
    public static readonly PointKey StuckUnavailable = PointKey.Field("stuck_unavailable", PointFieldType.Boolean);

    /// <summary>Bool: value outside the plausible range.</summary>
    public static readonly PointKey OutOfRange = PointKey.Field("out_of_range", PointFieldType.Boolean);

    /// <summary>Float: seconds since the last event, at the point's time.</summary>
    public static readonly PointKey LastSeenAgeSeconds = PointKey.Field("last_seen_age_seconds", PointFieldType.Float);

    /// <summary>Float: the silence threshold in seconds.</summary>
    public static readonly PointKey SilentAfterSeconds = PointKey.Field("silent_after_seconds", PointFieldType.Float);

    /// <summary>Float: the typical interval between events in seconds.</summary>
    public static readonly PointKey TypicalIntervalSeconds = PointKey.Field("typical_interval_seconds", PointFieldType.Float);

    /// <summary>Float: the share of time unavailable.</summary>
    public static readonly PointKey UnavailableRatio = PointKey.Field("unavailable_ratio", PointFieldType.Float);

    /// <summary>Float: the last numeric value.</summary>
    public static readonly PointKey LastValue = PointKey.Field("last_value", PointFieldType.Float);

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        "Quality:Measurement (home_assistant_quality)",
        [PointSchema.Default, PointSchema.HomeAssistant],
        [Domain, EntityId, Home, Status, PreviousStatus, Silent, StuckUnavailable, OutOfRange, LastSeenAgeSeconds, SilentAfterSeconds, TypicalIntervalSeconds, UnavailableRatio, LastValue]);
}
