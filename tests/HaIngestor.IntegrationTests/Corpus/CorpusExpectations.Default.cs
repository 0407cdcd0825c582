using System.Text.Json;
using System.Text.Json.Nodes;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class CorpusExpectations
{
    private static readonly IReadOnlyList<string> Allowlist = [.. new PipelineOptions().NumericAttributeAllowlist];

    /// <summary>
    /// Default schema: one point in <c>home_assistant_events</c> at <c>new_state.last_updated</c> (a removal at
    /// <c>time_fired</c>, with <c>state=""</c> and <c>removed=true</c> and the old state's metadata).
    /// </summary>
    private static CaseExpectation DefaultStateChanged(CorpusCase c, WeatherSnapshot? weather)
    {
        var removed = c.NewState is null;
        var meta = removed ? c.OldState! : c.NewState!;
        var point = NewPoint("home_assistant_events", removed ? c.TimeFiredMs : c.LastUpdatedMs);
        Tag(point, "entity_id", c.EntityId);
        Tag(point, "domain", meta.Domain);
        Tag(point, "event_type", "state_changed");
        Tag(point, "device_class", StringMember(meta.Attributes, "device_class"));
        Tag(point, "state_class", StringMember(meta.Attributes, "state_class"));
        Tag(point, "area", StringMember(c.Ingestor, "area") ?? StringMember(meta.Attributes, "area"));
        Tag(point, "home", StringMember(c.Ingestor, "home"));
        Tag(point, "device", StringMember(c.Ingestor, "device"));
        Tag(point, "unit", StringMember(meta.Attributes, "unit_of_measurement"));

        if (weather is not null)
        {
            // The weather of the batch: tags location and weather_condition, float fields, weather_stale when stale.
            Tag(point, "location", weather.Location);
            Tag(point, "weather_condition", weather.Condition);
            OptionalFloat(point, "temperature", weather.Temperature);
            OptionalFloat(point, "humidity", weather.Humidity);
            OptionalFloat(point, "pressure", weather.Pressure);
            OptionalFloat(point, "wind_speed", weather.WindSpeed);
            OptionalFloat(point, "clouds", weather.Clouds);
            if (weather.Stale)
            {
                point.Fields["weather_stale"] = true;
            }
        }

        point.Fields["state"] = removed ? string.Empty : c.NewState!.State;
        if (!removed && (StateNumbers.TryParse(c.NewState!.State, out var value) || StateNumbers.TryBooleanLike(c.NewState.State, out value)))
        {
            point.Fields["value"] = value;
        }

        if (removed)
        {
            point.Fields["removed"] = true;
        }

        if (c.OldState is not null)
        {
            point.Fields["old_state"] = c.OldState.State;
        }

        if (meta.Attributes["friendly_name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
        {
            point.Fields["friendly_name"] = name.GetValue<string>();
        }

        if (!removed)
        {
            point.Fields["attributes"] = JsonText.Of(c.NewState!.Attributes);
            foreach (var (key, node) in c.NewState.Attributes)
            {
                // Only JSON numbers become typed attr_* fields: they stay floats forever.
                if (Allowlist.Contains(key) && node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    point.Fields.TryAdd(LineProtocolNames.Key("attr_" + key), StateNumbers.OfJson(v));
                }
            }
        }

        if (c.Ingestor?["catch_up"] is JsonValue catchUp && catchUp.GetValueKind() == JsonValueKind.True)
        {
            point.Fields["catch_up"] = true;
        }

        return CaseExpectation.Written(point);
    }

    private static void OptionalFloat(ExpectedPoint point, string key, double? value)
    {
        if (value is { } v)
        {
            point.Fields[key] = v;
        }
    }
}
