using System.Globalization;
using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    /// <summary>
    /// Every C0 control character, DEL, NEL and the Unicode line and paragraph separators, each in every string
    /// position an event has: state, friendly name, attribute name and value, device class, unit, area; a service's
    /// name and data; another event's type, entity id and data.
    /// </summary>
    private static void AddControlCharacters(CorpusBuilder b)
    {
        foreach (var c in Enumerable.Range(0, 0x20).Append(0x7F).Append(0x85).Append(0x2028).Append(0x2029).Select(i => (char)i))
        {
            var code = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
            var text = $"a{c}b{c}";
            b.StateChanged($"control U+{code} in every state position", $"sensor.control_{code}", text, new JsonObject
            {
                ["friendly_name"] = $"{c}Name {c} here",
                [$"key{c}name"] = $"value{c}",
                ["device_class"] = $"class{c}x",
                ["unit_of_measurement"] = $"u{c}",
                ["note"] = $"{c}",
            }, ingestor: new JsonObject { ["area"] = $"Area{c}1" });
            b.CallService($"control U+{code} in a service call", "notify", $"send{c}now", new JsonObject
            {
                ["entity_id"] = $"notify.x{c}",
                ["message"] = text,
            });
            b.Generic($"control U+{code} in another event", $"event{c}type", new JsonObject
            {
                ["entity_id"] = $"thing{c}one",
                ["text"] = text,
            });
        }
    }
}
