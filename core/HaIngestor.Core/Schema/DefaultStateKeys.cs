using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary><c>state_changed</c> points of the default schema (measurement <c>Pipeline:Measurement</c>).</summary>
public static class DefaultStateKeys
{
    /// <summary>Tag: the area.</summary>
    public static readonly PointKey Area = PointKey.Tag("area");

    /// <summary>Tag: the device, from the envelope.</summary>
    public static readonly PointKey Device = PointKey.Tag("device");

    /// <summary>Tag: the <c>device_class</c> attribute.</summary>
    public static readonly PointKey DeviceClass = PointKey.Tag("device_class");

    /// <summary>Tag: the part of the entity id before the dot.</summary>
    public static readonly PointKey Domain = PointKey.Tag("domain");

    /// <summary>Tag: the full entity id.</summary>
    public static readonly PointKey EntityId = PointKey.Tag("entity_id");

    /// <summary>Tag: the event type.</summary>
    public static readonly PointKey EventType = PointKey.Tag("event_type");

    /// <summary>Tag: the home, from the envelope.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>Tag: <c>out_of_range</c> when the value is outside the entity's plausible range (docs/QUALITY.md).</summary>
    public static readonly PointKey Quality = PointKey.Tag("quality");

    /// <summary>Tag: the <c>state_class</c> attribute.</summary>
    public static readonly PointKey StateClass = PointKey.Tag("state_class");

    /// <summary>Tag: the unit (converted when converting).</summary>
    public static readonly PointKey Unit = PointKey.Tag("unit");

    /// <summary>Tag: the unit before conversion.</summary>
    public static readonly PointKey OriginalUnit = PointKey.Tag("original_unit");

    /// <summary>String: the state text.</summary>
    public static readonly PointKey State = PointKey.Field("state", PointFieldType.String);

    /// <summary>Float: numeric or boolean-like state.</summary>
    public static readonly PointKey Value = PointKey.Field("value", PointFieldType.Float);

    /// <summary>Bool: the entity was removed.</summary>
    public static readonly PointKey Removed = PointKey.Field("removed", PointFieldType.Boolean);

    /// <summary>String: the previous state text.</summary>
    public static readonly PointKey OldState = PointKey.Field("old_state", PointFieldType.String);

    /// <summary>String: the <c>friendly_name</c> attribute.</summary>
    public static readonly PointKey FriendlyName = PointKey.Field("friendly_name", PointFieldType.String);

    /// <summary>String: the attributes object as JSON text.</summary>
    public static readonly PointKey Attributes = PointKey.Field("attributes", PointFieldType.String);

    /// <summary>Bool: synthesized after a connection gap.</summary>
    public static readonly PointKey CatchUp = PointKey.Field("catch_up", PointFieldType.Boolean);

    /// <summary>The prefix of allowlisted numeric attribute fields.</summary>
    public const string AttributePrefix = "attr_";

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        "Pipeline:Measurement (home_assistant_events)",
        [PointSchema.Default],
        [Area, Device, DeviceClass, Domain, EntityId, EventType, Home, Quality, StateClass, Unit, OriginalUnit, State, Value, Removed, OldState, FriendlyName, Attributes, CatchUp, .. WeatherKeys.All],
        [new PointKeyFamily(AttributePrefix + "<name>", PointKeyKind.Field, PointFieldType.Float, AttributePrefix, "", PointKeyFamilySource.Attributes)]);
}
