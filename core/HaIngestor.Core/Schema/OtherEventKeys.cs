using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary>
/// Every other event type, both schemas (measurement <c>home_assistant_other_events</c>), including the connector's
/// heartbeats (<c>event_type=ha_ingestor_heartbeat</c>) when they travel through Event Hubs.
/// </summary>
public static class OtherEventKeys
{
    /// <summary>The measurement name.</summary>
    public const string Measurement = "home_assistant_other_events";

    /// <summary>Tag: the event type.</summary>
    public static readonly PointKey EventType = PointKey.Tag("event_type");

    /// <summary>Tag: the home, from the envelope.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>Tag: <c>data.entity_id</c> when a string.</summary>
    public static readonly PointKey EntityId = PointKey.Tag("entity_id");

    /// <summary>String: the event data as JSON text.</summary>
    public static readonly PointKey Data = PointKey.Field("data", PointFieldType.String);

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        Measurement,
        [PointSchema.Default, PointSchema.HomeAssistant],
        [EventType, Home, EntityId, Data, .. EventContextKeys.All]);
}
