using System.Text;
using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Connector.Journal;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Tests.TestData;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Fuzz;

/// <summary>
/// The seed corpus: the simulator's home as it lives (every kind of event it fires) and the core tests' hostile
/// events, in the shape each target reads.
/// </summary>
internal static class Seeds
{
    private static readonly Lazy<List<byte[]>> events = new(CreateEvents);

    public static IEnumerable<byte[]> Events() => events.Value;

    /// <summary>Single messages, and coalesced arrays of a few, as Home Assistant sends frames.</summary>
    public static IEnumerable<byte[]> Frames()
    {
        var messages = events.Value;
        foreach (var message in messages.Take(40))
        {
            yield return message;
        }

        for (var i = 0; i + 3 <= Math.Min(messages.Count, 60); i += 3)
        {
            yield return Encoding.UTF8.GetBytes("[" + string.Join(",", messages.Skip(i).Take(3).Select(Encoding.UTF8.GetString)) + "]");
        }

        yield return """{"type":"auth_required","ha_version":"2026.11.0"}"""u8.ToArray();
        yield return """{"id":2,"type":"result","success":true,"result":null}"""u8.ToArray();
        yield return """{"id":3,"type":"result","success":false,"error":{"code":"unauthorized","message":"Unauthorized"}}"""u8.ToArray();
        yield return """{"id":4,"type":"pong"}"""u8.ToArray();
    }

    /// <summary>Segments of a few framed records, one with a torn tail.</summary>
    public static IEnumerable<byte[]> JournalSegments()
    {
        var messages = events.Value;
        for (var start = 0; start + 4 <= Math.Min(messages.Count, 40); start += 4)
        {
            using var segment = new MemoryStream();
            foreach (var payload in messages.Skip(start).Take(4))
            {
                var header = new byte[JournalRecord.HeaderSize];
                JournalRecord.WriteHeader(header, payload);
                segment.Write(header);
                segment.Write(payload);
            }

            var bytes = segment.ToArray();
            yield return bytes;
            yield return bytes[..^7];
        }
    }

    /// <summary>Dead-letter segments as the stores write them.</summary>
    public static IEnumerable<byte[]> DeadLetterSegments()
    {
        var messages = events.Value;
        var time = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        for (var start = 0; start + 3 <= Math.Min(messages.Count, 30); start += 3)
        {
            var letters = messages.Skip(start).Take(3)
                .Select((message, index) => new DeadLetter(Encoding.UTF8.GetString(message), "invalid_entity_id", "fuzz seed", "functions", time.AddSeconds(index), time, 1))
                .ToList();
            yield return DeadLetterJsonLines.Serialize(letters);
        }
    }

    /// <summary>
    /// options.json files: the add-on's defaults (addon/config.yaml), every transport, schema and weather provider,
    /// and the wrong types and missing companions the reader rejects.
    /// </summary>
    public static IEnumerable<byte[]> OptionsFiles()
    {
        const string Lists = "\"event_types\":[],\"include_domains\":[],\"include_entities\":[],\"include_entity_globs\":[],\"exclude_domains\":[],\"exclude_entities\":[],\"exclude_entity_globs\":[]";
        string[] files =
        [
            $$"""{"transport":"influxdb","influxdb_url":"http://a0d7b954-influxdb:8086","influxdb_api":"v1","influxdb_database":"homeassistant","schema":"default",{{Lists}},"weather_provider":"none"}""",
            """{"transport":"influxdb","influxdb_url":"http://a0d7b954-influxdb:8086","influxdb_api":"v1","influxdb_database":"homeassistant","influxdb_username":"ingestor","influxdb_password":"correct-horse-battery","schema":"homeassistant","home":"cabin","event_types":["state_changed","call_service"],"include_domains":["sensor","light"],"include_entities":["switch.pump"],"include_entity_globs":["binary_sensor.door_*"],"exclude_domains":["sun"],"exclude_entities":["sensor.noisy"],"exclude_entity_globs":["sensor.*_rssi"],"weather_provider":"home_assistant","weather_entity":"weather.forecast_home","log_level":"warning"}""",
            """{"transport":"influxdb","influxdb_url":"https://eu-central-1-1.aws.cloud2.influxdata.com","influxdb_api":"v2","influxdb_token":"influx-token-0123456789","influxdb_org":"me","influxdb_bucket":"ha","schema":"default","weather_provider":"none"}""",
            """{"transport":"event_hubs","event_hubs_connection_string":"Endpoint=sb://home-ns.servicebus.windows.net/;SharedAccessKeyName=connector-send;SharedAccessKey=a2V5a2V5a2V5;EntityPath=ha-events","event_hubs_transport":"amqp_tcp","schema":"default","weather_provider":"none"}""",
            """{"transport":"event_hubs","event_hubs_namespace":"home-ns.servicebus.windows.net","event_hubs_name":"ha-events","schema":"default","weather_provider":"none"}""",
            """{"transport":"files","schema":"default","weather_provider":"openweathermap","weather_api_key":"owm-key-0123456789","weather_latitude":52.52,"weather_longitude":-13.405,"log_level":"trace"}""",
            """{"transport":"files","schema":"default","weather_provider":"none","home":"  ","include_domains":["", "sensor"]}""",
            """{"transport":"event_hubs","event_hubs_connection_string":"not-a-connection-string-secret"}""",
            """{"transport":"influxdb","influxdb_url":"ftp://x"}""",
            """{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_database":"d","influxdb_username":"u"}""",
            """{"transport":"files","weather_provider":"openweathermap","weather_api_key":"k","weather_latitude":91}""",
            """{"transport":"files","include_domains":"sensor","exclude_entities":[1,null]}""",
            """{"transport":"files","schema":"influx","unknown":true}""",
            """{"transport":7}""",
            """[{"transport":"files"}]""",
            """{"transport":"files","home":"\u00e9t\u00e9 \ud83c\udfe0","weather_latitude":1e400}""",
        ];
        return files.Select(Encoding.UTF8.GetBytes);
    }

    private static List<byte[]> CreateEvents()
    {
        var messages = new List<byte[]>();
        var home = new SimulatedHome(TimeProvider.System, 42, "0d2f6c3e5b8a4f1d9c7e2a6b4d8f0e13");
        HomeBuilder.Furnish(home);
        var listener = new Capture(messages);
        home.AddListener(listener);
        var activity = new ActivityGenerator(home);
        for (var step = 0; step < 2000 && messages.Count < 120; step++)
        {
            activity.Step(5);
        }

        home.RemoveListener(listener);
        messages.AddRange(HostileEvents.All().Select(Encoding.UTF8.GetBytes));
        return messages;
    }

    private sealed class Capture(List<byte[]> messages) : IEventListener
    {
        private int _id;

        public void OnEvent(PublishedEvent published)
        {
            if (messages.Count >= 120)
            {
                return;
            }

            var json = Encoding.UTF8.GetString(published.EventJson);
            messages.Add(Encoding.UTF8.GetBytes($"{{\"id\":{++_id},\"type\":\"event\",\"event\":{json}}}"));
        }
    }
}
