using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary><c>state_changed</c> points of the <c>homeassistant</c> schema (measurement: unit or entity id).</summary>
public static class HomeAssistantStateKeys
{
    /// <summary>Tag: the part of the entity id before the dot.</summary>
    public static readonly PointKey Domain = PointKey.Tag("domain");

    /// <summary>Tag: the object id (entity id without the domain), as Home Assistant writes it.</summary>
    public static readonly PointKey EntityId = PointKey.Tag("entity_id");

    /// <summary>Tag: the home, from the envelope.</summary>
    public static readonly PointKey Home = PointKey.Tag("home");

    /// <summary>Tag: the unit before conversion.</summary>
    public static readonly PointKey OriginalUnit = PointKey.Tag("original_unit");

    /// <summary>String: the state text, when not numeric.</summary>
    public static readonly PointKey State = PointKey.Field("state", PointFieldType.String);

    /// <summary>Float: numeric state, or Home Assistant's state-as-number.</summary>
    public static readonly PointKey Value = PointKey.Field("value", PointFieldType.Float);

    /// <summary>The suffix of string attribute fields.</summary>
    public const string StringSuffix = "_str";

    /// <summary>The measurement's keys.</summary>
    public static MeasurementKeys Keys { get; } = new(
        "<unit_of_measurement> or <entity_id>",
        [PointSchema.HomeAssistant],
        [Domain, EntityId, Home, OriginalUnit, State, Value],
        [
            new PointKeyFamily("<attribute>", PointKeyKind.Field, PointFieldType.Float, "", "", PointKeyFamilySource.Attributes),
            new PointKeyFamily("<attribute>" + StringSuffix, PointKeyKind.Field, PointFieldType.String, "", StringSuffix, PointKeyFamilySource.Attributes),
        ]);
}
