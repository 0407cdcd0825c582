using System.Text.Json.Nodes;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    /// <summary>
    /// Names rather than values: keys that differ only by what escaping or normalization changes, attributes named
    /// like the schema's own keys and InfluxDB's reserved columns, InfluxQL keywords as measurements, domains, units
    /// and tags, very long names, emoji and byte order marks, raw line and paragraph separators, and lone surrogates
    /// (which Home Assistant's JSON encoder never writes: rejected as malformed, in every position).
    /// </summary>
    private static void AddHostileKeys(CorpusBuilder b)
    {
        b.StateChanged("attribute names that collide after escaping", "sensor.colliding_keys", "3", new JsonObject
        {
            ["a b"] = 1,
            ["a\\ b"] = 2,
            ["a,b"] = 3,
            ["a\\,b"] = 4,
            ["a=b"] = 5,
            ["a\\=b"] = 6,
            ["c\\"] = "ends with a backslash",
            ["c/"] = "ends with a slash",
            ["friendly_name"] = "Colliding Keys",
        });
        b.StateChanged("attribute names that normalize to the same key", "sensor.normalizing_keys", "on", new JsonObject
        {
            ["tab\tkey"] = 1.5,
            ["tab key"] = 2.5,
            ["new\nline"] = "first",
            ["new line"] = "second",
            ["time"] = 7,
            ["time_"] = 8,
            ["mode"] = "eco",
            ["mode_str"] = "comfort",
            ["state_"] = "attr state_",
            ["value_"] = 11,
            ["friendly_name"] = "Normalizing Keys",
        });
        b.StateChanged("attributes named like fixed fields and reserved columns", "sensor.reserved_names", "12.5", new JsonObject
        {
            ["_measurement"] = "not_a_measurement",
            ["_field"] = "not_a_field",
            ["_value"] = 1,
            ["_time"] = "2026-01-01T00:00:00Z",
            ["_start"] = 2,
            ["_stop"] = "stop",
            ["time"] = "evening",
            ["entity_id"] = "sensor.impostor",
            ["domain"] = "impostor",
            ["event_type"] = "impostor",
            ["home"] = "impostor",
            ["area"] = 3,
            ["unit"] = "impostor",
            ["old_state"] = "impostor",
            ["friendly_name_str"] = "impostor",
            ["value_str"] = 4,
            ["state_str"] = "impostor",
            ["attributes"] = new JsonObject { ["nested"] = true },
            ["unit_of_measurement"] = "W",
            ["friendly_name"] = "Reserved Names",
        });
        foreach (var keyword in (string[])["select", "from", "where", "time", "group", "limit", "order", "by", "measurement", "key", "show"])
        {
            // Home Assistant has real domains named select, time and group; in the homeassistant schema the unit
            // is the measurement.
            b.StateChanged($"InfluxQL keyword {keyword} as domain, unit and tag", $"{keyword}.{keyword}", keyword, new JsonObject
            {
                ["unit_of_measurement"] = keyword,
                ["device_class"] = keyword,
                ["state_class"] = keyword,
                [keyword] = keyword,
                ["friendly_name"] = keyword,
            });
        }

        b.StateChanged("numeric state of an InfluxQL keyword domain", "group.all_lights", "2", new JsonObject
        {
            ["unit_of_measurement"] = "select",
            ["friendly_name"] = "All Lights",
        });
        b.StateChanged("emoji in names", "sensor.emoji_names", "🌡️ 21 °C", new JsonObject
        {
            ["unit_of_measurement"] = "🌡️°C",
            ["device_class"] = "🔥",
            ["state_class"] = "📈",
            ["🏠 home"] = "🏡",
            ["flag_🇳🇱"] = 1,
            ["friendly_name"] = "Emoji 🧪",
        });
        b.StateChanged("byte order marks", "sensor.bom", "\uFEFFbom state", new JsonObject
        {
            ["\uFEFFbom_key"] = "\uFEFFbom value",
            ["unit_of_measurement"] = "\uFEFF°C",
            ["device_class"] = "\uFEFFtemperature",
            ["friendly_name"] = "\uFEFFBOM",
        });
        b.StateChanged("raw line and paragraph separators", "sensor.raw_separators", "line\u2028para\u2029end", new JsonObject
        {
            ["key\u2028with\u2029separators"] = "value\u2028with\u2029separators",
            ["unit_of_measurement"] = "m\u2028s",
            ["device_class"] = "class\u2029x",
            ["friendly_name"] = "Sep\u2028arators",
        }, encoder: System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        b.StateChanged("very long attribute name and value", "sensor.long_names", "ok", new JsonObject
        {
            [new string('k', 20_000)] = new string('v', 20_000),
            ["long_number_" + new string('n', 5_000)] = 1,
            ["friendly_name"] = new string('f', 10_000),
        });
        b.StateChanged("very long unit and device class", "sensor.long_tags", "1", new JsonObject
        {
            ["unit_of_measurement"] = new string('u', 5_000),
            ["device_class"] = new string('d', 5_000),
            ["friendly_name"] = "Long Tags",
        });

        const string Ts = "\"2026-01-15T10:30:00.000000+00:00\"";
        const string Ctx = "\"context\":{\"id\":\"01JHX5Q2ZK8M4T6V9B3N7C1D2E\",\"parent_id\":null,\"user_id\":null}";
        static string WithAttributes(string attributes) =>
            "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.surrogate\",\"old_state\":null,\"new_state\":{\"entity_id\":\"sensor.surrogate\",\"state\":\"1\",\"attributes\":" +
            attributes + ",\"last_changed\":" + Ts + ",\"last_updated\":" + Ts + "}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}";
        b.Invalid("lone high surrogate in an attribute name", WithAttributes("{\"key\\ud800\":\"v\",\"friendly_name\":\"S\"}"), RejectReason.MalformedJson);
        b.Invalid("lone low surrogate in an attribute name", WithAttributes("{\"\\udc00key\":1}"), RejectReason.MalformedJson);
        b.Invalid("lone surrogate in service data", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"call_service\",\"data\":{\"domain\":\"notify\",\"service\":\"send\",\"service_data\":{\"message\":\"\\ud800\"}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}", RejectReason.MalformedJson);
        b.Invalid("lone surrogate in an attribute value", WithAttributes("{\"note\":\"v\\ud83d\",\"friendly_name\":\"S\"}"), RejectReason.MalformedJson);
        b.Invalid("lone surrogate in the unit", WithAttributes("{\"unit_of_measurement\":\"\\udfff\"}"), RejectReason.MalformedJson);
        b.Invalid("reversed surrogate pair in a nested attribute", WithAttributes("{\"config\":{\"x\":[\"\\ude00\\ud83d\"]}}"), RejectReason.MalformedJson);
    }
}
