using System.Reflection;
using System.Text;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Tests.TestData;

namespace HaIngestor.Core.Tests.Parsing;

/// <summary>
/// The fast path of <see cref="EventReader"/> against its <c>Utf8JsonReader</c> path: on valid messages it must read
/// them itself, and on any message, valid or mutated, it may only accept what the reader path accepts, with the
/// same view and attributes.
/// </summary>
public sealed class EventReaderTests
{
    private const string Light = """{"id":12,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"light.kitchen_ceiling","old_state":{"entity_id":"light.kitchen_ceiling","state":"off","attributes":{"supported_color_modes":["color_temp","xy"],"color_mode":null,"brightness":null,"friendly_name":"Kitchen ceiling","supported_features":44},"last_changed":"2024-05-01T11:00:00.000001+00:00","last_reported":"2024-05-01T11:00:00.000001+00:00","last_updated":"2024-05-01T11:00:00.000001+00:00","context":{"id":"01HWX5ZKQ6J3Y1M2N3P4Q5R6S8","parent_id":null,"user_id":null}},"new_state":{"entity_id":"light.kitchen_ceiling","state":"on","attributes":{"min_color_temp_kelvin":2202,"max_color_temp_kelvin":6535,"effect_list":["blink","breathe"],"color_mode":"color_temp","brightness":178,"hs_color":[27.835,56.971],"xy_color":[0.502,0.39],"effect":null,"friendly_name":"Kitchen ceiling","device_class":"x","unit_of_measurement":"lm","state_class":"measurement","area":"Kitchen","supported_features":44,"on":true,"off":false,"neg":-1.5e-3,"zero":0,"big":1E+10},"last_changed":"2024-05-01T12:00:00.223456+00:00","last_reported":"2024-05-01T12:00:00.223456+00:00","last_updated":"2024-05-01T12:00:00.223456+00:00","context":{"id":"01HWX61C2D3E4F5G6H7J8K9M0P","parent_id":null,"user_id":"9f2c8d1e4b7a4c3d8e9f0a1b2c3d4e5f"}}},"origin":"LOCAL","time_fired":"2024-05-01T12:00:00.223456+00:00","context":{"id":"01HWX61C2D3E4F5G6H7J8K9M0P","parent_id":null,"user_id":"9f2c8d1e4b7a4c3d8e9f0a1b2c3d4e5f"}},"ingestor":{"home":"main","area":"Kitchen","device":"Ceiling light","catch_up":true,"other":[1,{"a":[]}]}}""";

    public static TheoryData<string> ValidMessages()
    {
        var data = new TheoryData<string>
        {
            Light,
            HaEvents.Simple("sensor.t", HaEvents.Quote("21.5"), """{"unit_of_measurement":"°C","device_class":"temperature","friendly_name":"T"}""", HaEvents.Quote("21.4")),
            HaEvents.StateChanged("\"sensor.removed\"", null, HaEvents.State("sensor.removed", "\"on\"")),
            HaEvents.CallService("light", "turn_on", """{"entity_id":["light.a","light.b"],"brightness":255}"""),
            HaEvents.Other("automation_triggered", """{"name":"x","entity_id":"automation.x","source":null}"""),
            " { \"type\" : \"event\" , \"event\" : { \"event_type\" : \"state_changed\" , \"data\" : { \"entity_id\" : \"a.b\" , \"new_state\" : { \"state\" : \"1\" , \"attributes\" : { \"a\" : [ 1 , 2 ] , \"b\" : { } } } } } }\r\n\t",
            "{}",
            // old_state first in data: the reader path then reads it whole instead of skipping from its attributes on.
            """{"type":"event","event":{"event_type":"state_changed","data":{"old_state":{"state":"1","attributes":{"friendly_name":"Old","a":[1,{"b":null}]},"last_updated":"2024-05-01T11:00:00+00:00","context":{"id":"x"}},"entity_id":"sensor.first","new_state":{"attributes":{"unit_of_measurement":"W"},"state":"2","last_updated":"2024-05-01T12:00:00+00:00"}},"time_fired":"2024-05-01T12:00:00+00:00"}}""",
            // State members in another order, and a removal (new_state null) whose old attributes are read later.
            """{"type":"event","event":{"data":{"entity_id":"light.x","new_state":null,"old_state":{"attributes":{"friendly_name":"X","device_class":"y"},"state":"on","last_updated":"2024-05-01T11:00:00Z"}},"event_type":"state_changed","context":{"user_id":"u","id":"c"}}}""",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void TryReadFast_ValidMessage_ReadsItAsTheReaderPathDoes(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);

        var fast = Read(bytes, fastPath: true, out var fastView, out var fastAttributes);
        var reader = Read(bytes, fastPath: false, out var readerView, out var readerAttributes);

        Assert.True(reader);
        Assert.True(fast);
        Assert.Equal(Describe(readerView), Describe(fastView));
        Assert.Equal(readerAttributes, fastAttributes);
    }

    [Fact]
    public void TryReadFast_HostileEvents_AcceptsOnlyWhatTheReaderPathAcceptsWithTheSameView()
    {
        var fastCount = 0;
        foreach (var message in HostileEvents.All())
        {
            if (AssertConsistent(Encoding.UTF8.GetBytes(message)))
            {
                fastCount++;
            }
        }

        // Only messages with escaped member names go to the reader path.
        Assert.True(fastCount >= HostileEvents.All().Count() - 3, $"the fast path read {fastCount} hostile events");
    }

    [Fact]
    public void TryReadFast_MutatedMessages_AcceptsOnlyWhatTheReaderPathAcceptsWithTheSameView()
    {
        var random = new Random(20261128);
        var sources = ValidMessages().Cast<object[]>().Select(row => (string)row[0]).Concat(HostileEvents.All().Where(m => m.Length < 10_000)).ToArray();
        var accepted = 0;
        var rejected = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var source = sources[random.Next(sources.Length)];
            var mutated = Mutations.Mutate(source, random);
            if (AssertConsistent(Encoding.UTF8.GetBytes(mutated)))
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        // Both outcomes must be well represented for the comparison to mean anything.
        Assert.True(accepted > 2_000, $"accepted {accepted}");
        Assert.True(rejected > 2_000, $"rejected {rejected}");
    }

    [Fact]
    public void TryReadFast_StringsOfEveryLengthWithASpecialByteAnywhere_AgreeWithTheReaderPath()
    {
        // Strings end in the first or second 32-byte block, or beyond, or near the end of the message, where the
        // cursor scans differently.
        string[] specials = ["\\n", "\\u00e9", "\\\"", "\t", "\"", "\\", "\\x", "é"];
        string[] templates =
        [
            """{"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"sensor.{0}","new_state":{"state":"1","attributes":{"{0}":"{0}","b":1}}}},"pad":"................................................................................"}""",
            """{"type":"{0}"}""",
        ];
        var fast = 0;
        foreach (var template in templates)
        {
            for (var length = 0; length <= 80; length++)
            {
                foreach (var special in specials)
                {
                    for (var at = 0; at <= length; at += length < 40 ? 1 : 7)
                    {
                        var content = new string('a', at) + special + new string('b', length - at);
                        if (AssertConsistent(Encoding.UTF8.GetBytes(template.Replace("{0}", content, StringComparison.Ordinal))))
                        {
                            fast++;
                        }
                    }
                }
            }
        }

        Assert.True(fast > 1_000, $"the fast path read {fast} messages");
    }

    [Theory]
    [InlineData("{\"type\":\"event\",\"event\":{\"data\":{\"entity_id\":\"a\\u00\"}}}")]
    [InlineData("{\"type\":\"event\",\"event\":{\"data\":{\"entity_id\":\"a\\x\"}}}")]
    [InlineData("{\"type\":01}")]
    [InlineData("{\"type\":1.}")]
    [InlineData("{\"type\":-}")]
    [InlineData("{\"type\":1e}")]
    [InlineData("{\"type\":.5}")]
    [InlineData("{\"type\":+1}")]
    [InlineData("{\"type\":tru}")]
    [InlineData("{\"type\":nul}")]
    [InlineData("{\"type\":[1,]}")]
    [InlineData("{\"type\":{\"a\":1,}}")]
    [InlineData("{\"type\":1,}")]
    [InlineData("{\"type\":\"a\tb\"}")]
    [InlineData("{\"type\":\"abc}")]
    [InlineData("{\"type\":1} x")]
    [InlineData("{\"type\":1}{}")]
    [InlineData("{\"type\" 1}")]
    [InlineData("{'type':1}")]
    [InlineData("{\"type\":1 /* c */}")]
    [InlineData("")]
    [InlineData("{")]
    public void TryRead_MalformedJson_IsRejectedByBothPaths(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);

        Assert.False(Read(bytes, fastPath: true, out _, out _));
        Assert.False(Read(bytes, fastPath: false, out _, out _));
        var view = default(EventView);
        Assert.False(EventReader.TryRead(bytes, out view, new AttributeBuffer()));
    }

    [Fact]
    public void TryRead_DeepNesting_IsLeftToTheReaderPathWhichAcceptsIt()
    {
        var deep = "{\"type\":" + new string('[', 100) + new string(']', 100) + "}";
        var bytes = Encoding.UTF8.GetBytes(deep);
        var view = default(EventView);

        Assert.False(Read(bytes, fastPath: true, out _, out _));
        Assert.True(EventReader.TryRead(bytes, out view, new AttributeBuffer()));
        Assert.True(view.Type.Kind == System.Text.Json.JsonTokenType.StartArray);
    }

    [Fact]
    public void TryRead_InvalidUtf8_IsLeftToTheReaderPath()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"type\":\"event\",\"x\":\"ab\"}");
        bytes[^4] = 0xFF;
        var view = default(EventView);
        var attributes = new AttributeBuffer();

        var result = EventReader.TryRead(bytes, out view, attributes);

        var readerView = default(EventView);
        Assert.Equal(EventReader.TryReadWithReader(bytes, ref readerView, new AttributeBuffer()), result);
    }

    /// <summary>Compares the paths on one message; true when the fast path accepted it.</summary>
    private static bool AssertConsistent(byte[] message)
    {
        var fast = Read(message, fastPath: true, out var fastView, out var fastAttributes);
        var reader = Read(message, fastPath: false, out var readerView, out var readerAttributes);
        if (fast)
        {
            Assert.True(reader, $"the fast path accepted what the reader path rejects: {Encoding.UTF8.GetString(message)}");
            Assert.Equal(Describe(readerView), Describe(fastView));
            Assert.Equal(readerAttributes, fastAttributes);
        }

        // Whatever the fast path leaves, TryRead decides as the reader path does.
        var view = default(EventView);
        var attributes = new AttributeBuffer();
        Assert.Equal(reader, EventReader.TryRead(message, out view, attributes));
        if (reader)
        {
            Assert.Equal(Describe(readerView), Describe(view));
            Assert.Equal(readerAttributes, attributes.Entries.ToArray());
        }

        return fast;
    }

    private static bool Read(byte[] message, bool fastPath, out EventView view, out AttributeBuffer.Entry[] attributes)
    {
        view = default;
        var buffer = new AttributeBuffer();
        var result = fastPath
            ? System.Text.Unicode.Utf8.IsValid(message) && EventReader.TryReadFast(message, ref view, buffer)
            : EventReader.TryReadWithReader(message, ref view, buffer);
        attributes = buffer.Entries.ToArray();
        return result;
    }

    /// <summary>Every slice of the view, by field name.</summary>
    private static string Describe(object value)
    {
        var builder = new StringBuilder();
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public))
        {
            var fieldValue = field.GetValue(value);
            builder.Append(field.Name).Append('=');
            builder.Append(fieldValue is StateView state ? "{" + Describe(state) + "}" : fieldValue?.ToString());
            builder.Append(';');
        }

        return builder.ToString();
    }
}
