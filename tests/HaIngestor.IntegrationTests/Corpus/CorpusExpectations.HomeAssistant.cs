using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class CorpusExpectations
{
    /// <summary>
    /// Home Assistant's <c>event_to_json</c> with <c>measurement_attr: unit_of_measurement</c>: measurement = unit, else
    /// the entity id; tags domain and entity_id (object id); <c>value</c> for numbers (and on/off-like words, which
    /// also keep <c>state</c>), else <c>state</c>; every attribute as a float field, or as <c>&lt;name&gt;_str</c>
    /// when it is not a number. Removals and unknown/unavailable/empty states are not written. Differences from
    /// Home Assistant, for type stability: attributes named <c>state</c>/<c>value</c> always become
    /// <c>state_</c>/<c>value_</c>; non-finite states keep <c>state</c> and get no <c>value</c>; nested values are
    /// written as JSON, not as Python reprs.
    /// </summary>
    private static CaseExpectation HomeAssistantStateChanged(CorpusCase c)
    {
        var state = c.NewState;
        if (state is null || state.State is "" or "unknown" or "unavailable")
        {
            return CaseExpectation.Skipped;
        }

        var unit = StringMember(state.Attributes, "unit_of_measurement");
        var point = NewPoint(unit ?? state.EntityId, c.LastUpdatedMs);
        Tag(point, "domain", state.Domain);
        Tag(point, "entity_id", state.ObjectId);
        Tag(point, "home", StringMember(c.Ingestor, "home"));

        if (StateNumbers.TryParse(state.State, out var value))
        {
            point.Fields["value"] = value;
        }
        else
        {
            point.Fields["state"] = state.State;
            if (StateNumbers.TryHomeAssistantStateAsNumber(state.State, out value))
            {
                point.Fields["value"] = value;
            }
        }

        foreach (var (name, node) in state.Attributes)
        {
            if (unit is not null && name == "unit_of_measurement")
            {
                continue;
            }

            var key = name is "state" or "value" ? name + "_" : name;
            var stringOnly = key.EndsWith("_str", StringComparison.Ordinal);
            switch (node?.GetValueKind())
            {
                case JsonValueKind.Number when stringOnly:
                    Field(point, key + "_str", node.ToJsonString());
                    break;
                case JsonValueKind.Number:
                    Field(point, key, StateNumbers.OfJson(node));
                    break;
                case JsonValueKind.True or JsonValueKind.False when stringOnly:
                    Field(point, key + "_str", node.GetValue<bool>() ? "True" : "False");
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Field(point, key, node.GetValue<bool>() ? 1d : 0d);
                    break;
                case JsonValueKind.String:
                    StringAttribute(point, key, node.GetValue<string>(), stringOnly);
                    break;
                case null or JsonValueKind.Null:
                    Field(point, key + "_str", "None");
                    break;
                default:
                    Field(point, key + "_str", JsonText.Of(node));
                    break;
            }
        }

        return CaseExpectation.Written(point);
    }

    /// <summary>Tag keys of every measurement (docs/SCHEMA.md): a float attribute field of one of these names gets a trailing <c>_</c>.</summary>
    private static readonly HashSet<string> TagKeys =
        ["area", "device", "device_class", "domain", "entity_id", "event_type", "home", "location", "original_unit", "quality", "service", "state_class", "unit", "weather_condition"];

    private static void StringAttribute(ExpectedPoint point, string key, string text, bool stringOnly)
    {
        if (!stringOnly)
        {
            if (StateNumbers.TryParse(text, out var number))
            {
                Field(point, key, number);
                return;
            }

            if (StateNumbers.IsPythonNonFinite(text))
            {
                return;
            }
        }

        Field(point, key + "_str", text);
        if (!stringOnly && StateNumbers.TryDigitTail(text, out var tail))
        {
            Field(point, key, tail);
        }
    }

    private static void Field(ExpectedPoint point, string key, object value)
        => point.Fields[LineProtocolNames.Key(value is double && TagKeys.Contains(key) ? key + "_" : key)] = value;
}
