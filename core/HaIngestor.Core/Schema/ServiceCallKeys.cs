using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary><c>call_service</c> points, both schemas (measurement <c>home_assistant_service_calls</c>).</summary>
public static class ServiceCallKeys
{
    /// <summary>The measurement name.</summary>
    public const string Measurement = "home_assistant_service_calls";

    /// <summary>Tag: the service's domain.</summary>
    public static readonly PointKey Domain = PointKey.Tag("domain");

    /// <summary>Tag: the service.</summary>
    public static readonly PointKey Service = PointKey.Tag("service");

    /// <summary>Tag: <c>call_service</c>.</summary>
    public static readonly PointKey EventType = PointKey.Tag("event_type");

    /// <summary>Tag: the home, from the envelope.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>String: the service data as JSON text.</summary>
    public static readonly PointKey ServiceData = PointKey.Field("service_data", PointFieldType.String);

    /// <summary>String: <c>service_data.entity_id</c> (the id, or a list's JSON text). Was <c>entity_id</c>, a tag elsewhere.</summary>
    public static readonly PointKey ServiceEntityId = PointKey.Field("service_entity_id", PointFieldType.String, formerName: "entity_id");

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        Measurement,
        [PointSchema.Default, PointSchema.HomeAssistant],
        [Domain, Service, EventType, Home, ServiceData, ServiceEntityId, .. EventContextKeys.All]);
}
