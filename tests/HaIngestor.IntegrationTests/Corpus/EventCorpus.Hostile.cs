using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    private static void AddHostile(CorpusBuilder b)
    {
        b.StateChanged("unicode and emoji", "sensor.weather_text", "☀️ sonnig – 晴れ – ☔", new JsonObject
        {
            ["friendly_name"] = "Température extérieure 🌡️",
            ["ключ"] = "значение",
            ["emoji_🔥"] = "🔥🔥",
        });
        b.StateChanged("unicode escaped as \\u sequences", "sensor.weather_text_escaped", "Grüße 👋 ☃", new JsonObject
        {
            ["friendly_name"] = "Ünïcödé 😀",
            ["note"] = "surrogate pair 𝄞 and nul-free",
        }, encoder: HaEventMessage.Escaped);
        b.StateChanged("double quotes", "sensor.quotes", "He said \"hi\"", new JsonObject
        {
            ["quote\"key"] = "va\"lue",
            ["friendly_name"] = "\"Quoted\" Sensor",
        });
        b.StateChanged("backslashes", "sensor.backslashes", "C:\\path\\to\\dir\\", new JsonObject
        {
            ["back\\slash"] = "\\\\server\\share\\",
            ["ends_with_backslash"] = "trailing\\",
            ["device_class"] = "back\\slash\\",
            ["unit_of_measurement"] = "C\\",
            ["friendly_name"] = "Back\\slash",
        });
        b.StateChanged("commas equals spaces", "sensor.commas", "a,b=c d", new JsonObject
        {
            ["key,with=stuff and space"] = "v,a=l u e",
            ["unit_of_measurement"] = "m³/h, net",
            ["device_class"] = "volume flow=rate",
            ["friendly_name"] = "Commas, Equals = Spaces",
        });
        b.StateChanged("newlines and carriage returns", "sensor.newlines", "line1\nline2\r\nline3", new JsonObject
        {
            ["multi\nline key"] = "tab\there\nnew line",
            ["area"] = "Upstairs\nBedroom\r\n",
            ["friendly_name"] = "New\nLine",
        });
        b.StateChanged("tabs", "sensor.tabs", "\tindented\t", new JsonObject
        {
            ["\tkey"] = "\tvalue",
            ["unit_of_measurement"] = "\tmm",
            ["friendly_name"] = "Tab\tbed",
        });
        b.StateChanged("line protocol lookalike", "sensor.injection", "x\" 1\nevil,host=a value=1 0\n#", new JsonObject
        {
            ["inject"] = "\" 0\nhome_assistant_events,entity_id=evil value=666 1",
            ["unit_of_measurement"] = "#count",
            ["friendly_name"] = "Injection",
        });
        b.StateChanged("huge attribute", "sensor.huge_attribute", "ok", new JsonObject
        {
            ["payload"] = HostileText(100_000),
            ["friendly_name"] = "Huge",
        });
        b.StateChanged("nested objects and lists", "sensor.nested", "nested", new JsonObject
        {
            ["config"] = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(1, new JsonObject { ["c"] = "d" }) } },
            ["list"] = new JsonArray(1, "two", null, true, 3.5),
            ["empty_obj"] = new JsonObject(),
            ["empty_list"] = new JsonArray(),
            ["friendly_name"] = "Nested",
        });
        b.StateChanged("booleans and nulls in attributes", "sensor.flags", "true", new JsonObject
        {
            ["flag_true"] = true,
            ["flag_false"] = false,
            ["nothing"] = null,
            ["friendly_name"] = "Flags",
        });
        b.StateChanged("state of 255 characters", "sensor.long_state", new string('x', 100) + "é" + new string('y', 153) + "z", Sensor("Long State"));
        b.StateChanged("attribute names that clash with schema keys", "sensor.clashing", "5", new JsonObject
        {
            ["state"] = "attr-state",
            ["value"] = 99,
            ["entity_id"] = "sensor.other",
            ["domain"] = "not-a-domain",
            ["attributes"] = "attr-attributes",
            ["time"] = "morning",
            ["friendly_name"] = "Clashing",
        });
        b.StateChanged("allowlisted attribute as a string", "sensor.string_temperature_attr", "ok", new JsonObject
        {
            ["temperature"] = "21.5",
            ["humidity"] = "high",
            ["friendly_name"] = "String Attrs",
        });
        b.StateChanged("allowlisted attribute numeric", "sensor.mixed_battery", "fine", new JsonObject
        {
            ["battery_level"] = 50,
            ["friendly_name"] = "Mixed Battery",
        });
        b.StateChanged("same allowlisted attribute as a string later", "sensor.mixed_battery", "fine", new JsonObject
        {
            ["battery_level"] = "low",
            ["friendly_name"] = "Mixed Battery",
        });
        b.StateChanged("attribute with non-finite and huge numbers", "sensor.odd_numbers", "1", new JsonObject
        {
            ["big"] = 1e300,
            ["tiny"] = 5e-324,
            ["negative_zero"] = -0.0,
            ["integer_like"] = 9007199254740993,
            ["nan_text"] = "NaN",
            ["inf_text"] = "inf",
            ["friendly_name"] = "Odd Numbers",
        });
    }
}
