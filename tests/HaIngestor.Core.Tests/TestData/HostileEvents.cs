namespace HaIngestor.Core.Tests.TestData;

/// <summary>Valid event messages with hostile content: every one must be written, and never break a line.</summary>
internal static class HostileEvents
{
    public static IEnumerable<string> All()
    {
        yield return HaEvents.Simple("sensor.emoji", HaEvents.Quote("🔥 hot 🙂"), """{"friendly_name":"Émoji 🙂 \u00e9","unit_of_measurement":"°C"}""");
        yield return HaEvents.Simple("sensor.quotes", HaEvents.Quote("say \"hi\" \\ back\\"), """{"friendly_name":"a \"quoted\" \\ name\\","device_class":"a\\"}""");
        yield return HaEvents.Simple("sensor.commas", HaEvents.Quote("a,b=c d"), """{"friendly_name":"a,b=c d","device_class":"x,y=z w","unit_of_measurement":"a,b=c d","state_class":"m e,a=s"}""");
        yield return HaEvents.Simple("sensor.newlines", HaEvents.Quote("line1\nline2\r\n\tend"), "{\"friendly_name\":\"a\\nb\\tc\\r\",\"device_class\":\"x\\ny\",\"unit_of_measurement\":\"u\\nnit\",\"we\\nird key\\t\":\"v\\nv\",\"sp ace,co=mma\":1.5}");
        yield return HaEvents.Simple("sensor.huge", HaEvents.Quote("1"), $$"""{"blob":"{{new string('x', 100_000)}}","list":[{{string.Join(',', Enumerable.Range(0, 2000))}}]}""");
        yield return HaEvents.Simple("sensor.nested", HaEvents.Quote("x"), """{"a":{"b":{"c":[1,{"d":null},"e\"f"]}},"empty":{},"arr":[]}""");
        yield return HaEvents.Simple("sensor.nan", HaEvents.Quote("NaN"), """{"temperature":"NaN","humidity":"inf","battery_level":"1e309"}""");
        yield return HaEvents.Simple("sensor.inf", HaEvents.Quote("inf"));
        yield return HaEvents.Simple("sensor.overflow", HaEvents.Quote("1e309"), """{"temperature":1e308}""");
        yield return HaEvents.Simple("sensor.minus_zero", HaEvents.Quote("-0"), """{"temperature":-0.0}""");
        yield return HaEvents.Simple("sensor.hex", HaEvents.Quote("0x10"));
        yield return HaEvents.Simple("sensor.int_like", HaEvents.Quote("42"), """{"brightness":255,"temperature":"21"}""");
        yield return HaEvents.Simple("sensor.float_like", HaEvents.Quote("3.14159"), """{"brightness":254.5}""");
        yield return HaEvents.Simple("sensor.bools", HaEvents.Quote("true"), """{"on":true,"off":false,"temperature":true}""");
        yield return HaEvents.Simple("sensor.nulls", HaEvents.Quote("off"), """{"friendly_name":null,"device_class":null,"unit_of_measurement":null,"temperature":null}""");
        yield return HaEvents.StateChanged("\"sensor.naive\"", HaEvents.State("sensor.naive", "\"5\"", lastUpdated: "2024-05-01T12:00:00.5"), timeFired: "2024-05-01T12:00:00");
        yield return HaEvents.StateChanged("\"sensor.offset\"", HaEvents.State("sensor.offset", "\"5\"", lastUpdated: "2024-05-01T14:00:00.25+02:00"), timeFired: "2024-05-01T14:00:00+02:00");
        yield return HaEvents.Simple("sensor.long", HaEvents.Quote(new string('s', 255)));
        yield return HaEvents.Simple("sensor.time_attr", HaEvents.Quote("1"), """{"time":"12:00","state":5,"value":"x","value_str":3,"":"empty key","#":1}""");
        yield return HaEvents.Simple("sensor.unit_hash", HaEvents.Quote("7"), """{"unit_of_measurement":"#"}""");
        yield return HaEvents.Simple("sensor.escaped", "\"\\u0031\\u0032\"", "{\"\\u0074emperature\":20,\"friendly_name\":\"\\u00e9\\ud83d\\ude00\"}");
        yield return HaEvents.StateChanged("\"sensor.removed\"", null, HaEvents.State("sensor.removed", "\"on\""));
        yield return HaEvents.CallService("light", "turn on, now", """{"entity_id":"light.a b","color":"\"red\"\n"}""");
        yield return HaEvents.Other("my event, with=odd \"type\"\n", """{"entity_id":"x y\nz","payload":"a\\b"}""");
        yield return HaEvents.Other("string_data", "\"just text\"");
    }
}
