using System.Text.Json;
using System.Text.Json.Nodes;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// States, per schema, the points each corpus case must become (docs/SCHEMA.md; for the <c>homeassistant</c> schema,
/// Home Assistant's own InfluxDB integration with the documented type-stability differences).
/// </summary>
internal static partial class CorpusExpectations
{
    public const string ContextId = "01JHX5Q2ZK8M4T6V9B3N7C1D2E";

    public static CaseExpectation For(CorpusCase c, PointSchema schema, WeatherSnapshot? weather = null)
    {
        if (c.Reject is { } reason)
        {
            return CaseExpectation.Rejected(reason);
        }

        return c.EventType switch
        {
            "state_changed" when schema == PointSchema.HomeAssistant => HomeAssistantStateChanged(c),
            "state_changed" => DefaultStateChanged(c, weather),
            "call_service" => CallService(c),
            _ => OtherEvent(c),
        };
    }

    private static CaseExpectation CallService(CorpusCase c)
    {
        var point = NewPoint("home_assistant_service_calls", c.TimeFiredMs);
        Tag(point, "domain", c.ServiceDomain);
        Tag(point, "service", c.Service);
        Tag(point, "event_type", "call_service");
        point.Fields["service_data"] = JsonText.Of(c.Data);
        if (c.Data!["entity_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
        {
            point.Fields["service_entity_id"] = id.GetValue<string>();
        }

        point.Fields["context_id"] = ContextId;
        return CaseExpectation.Written(point);
    }

    private static CaseExpectation OtherEvent(CorpusCase c)
    {
        var point = NewPoint("home_assistant_other_events", c.TimeFiredMs);
        Tag(point, "event_type", c.EventType);
        Tag(point, "entity_id", StringMember(c.Data, "entity_id"));
        point.Fields["data"] = JsonText.Of(c.Data);
        point.Fields["context_id"] = ContextId;
        return CaseExpectation.Written(point);
    }

    private static ExpectedPoint NewPoint(string measurement, long timeMs)
        => new(LineProtocolNames.Measurement(measurement), new(StringComparer.Ordinal), new(StringComparer.Ordinal), timeMs);

    /// <summary>A tag as it reads back; empty values are never written.</summary>
    private static void Tag(ExpectedPoint point, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            point.Tags[LineProtocolNames.Key(key)] = LineProtocolNames.TagValue(value);
        }
    }

    /// <summary>A member's value when it is a non-empty JSON string.</summary>
    private static string? StringMember(JsonObject? obj, string name)
        => obj?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;
}
