using System.Text;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Tests.TestData;

namespace HaIngestor.Core.Tests.Parsing;

public sealed class HaFrameReaderTests
{
    [Fact]
    public void TryRead_SingleEvent_OneMessageSlicingTheFrame()
    {
        var frame = HaEvents.Utf8(HaEvents.Simple("sensor.t", "\"21.5\""));
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead(frame, messages, out var error));

        Assert.Null(error);
        var message = Assert.Single(messages);
        Assert.Equal(HaMessageType.Event, message.Type);
        Assert.Equal(7, message.Id);
        Assert.Equal(frame, message.Json.ToArray());
    }

    [Fact]
    public void TryRead_CoalescedArray_EveryMessageInOrder()
    {
        var first = HaEvents.Simple("sensor.a", "\"1\"");
        var frame = Encoding.UTF8.GetBytes($$""" [{{first}}, {"id":3,"type":"result","success":true,"result":null},{"type":"pong","id":4},{"type":"auth_required","ha_version":"2024.5"},{"type":"auth_ok"},{"type":"auth_invalid","message":"x"},{"type":"weird"},{"id":"x"}] """);
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead(frame, messages, out _));

        Assert.Equal(
            [HaMessageType.Event, HaMessageType.Result, HaMessageType.Pong, HaMessageType.AuthRequired, HaMessageType.AuthOk, HaMessageType.AuthInvalid, HaMessageType.Unknown, HaMessageType.Unknown],
            messages.Select(m => m.Type));
        Assert.Equal(first, Encoding.UTF8.GetString(messages[0].Json.Span));
        Assert.Equal(3, messages[1].Id);
        Assert.Equal(0, messages[7].Id);
    }

    [Fact]
    public void TryRead_EmptyArray_TrueWithNoMessages()
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead("[]"u8.ToArray(), messages, out _));
        Assert.Empty(messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"type\":\"event\"")]
    [InlineData("[{\"type\":\"event\"},")]
    [InlineData("[1,2]")]
    [InlineData("[{\"type\":\"pong\"}, \"x\"]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"type\":\"pong\"} {\"type\":\"pong\"}")]
    [InlineData("{\"a\":1,}")]
    public void TryRead_MalformedFrame_FalseWithErrorAndNothingAppended(string frame)
    {
        var messages = new List<HaMessage> { default };

        Assert.False(HaFrameReader.TryRead(Encoding.UTF8.GetBytes(frame), messages, out var error));

        Assert.False(string.IsNullOrEmpty(error));
        Assert.Single(messages);
    }

    [Fact]
    public void TryRead_LoneSurrogateEscapes_MessageKeptAsUnknown()
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead("[{\"\\ud800\":1,\"type\":\"\\udc00\"},{\"type\":\"pong\"}]"u8.ToArray(), messages, out _));

        Assert.Equal([HaMessageType.Unknown, HaMessageType.Pong], messages.Select(m => m.Type));
    }

    [Theory]
    [InlineData("""{"id":7,"type":"event","event":{"event_type":"call_service","data":{"domain":"light"},"time_fired":"2024-05-01T10:00:00+02:00","context":{"id":"01HX"}}}""")]
    [InlineData("""{"event":{"time_fired":"2024-05-01T10:00:00.5+00:00","event_type":"state_changed","data":{"entity_id":"light.a","new_state":{"state":"on","last_updated":"2024-05-01T09:59:00+00:00"}}},"type":"event","id":1}""")]
    [InlineData("""{"id":7,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"light.\u0061"},"time_fired":"2024-05-01T10:00:00Z"}}""")]
    [InlineData("""{"id":7,"type":"event","event":{"event_type":"state_changed","time_fired":"not a time"}}""")]
    [InlineData("""{"id":7,"type":"event","event":{"event_type":"\ud800","time_fired":"2024-05-01T10:00:00Z"}}""")]
    [InlineData("""{"id":7,"type":"event","event":[1,2]}""")]
    public void TryRead_EventMessage_HeaderAsEventHeaderReadsIt(string json)
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead(Encoding.UTF8.GetBytes(json), messages, out _));

        var expected = EventHeader.TryRead(Encoding.UTF8.GetBytes(json), out var header) ? header : (EventHeader?)null;
        Assert.Equal(expected, Assert.Single(messages).Header);
    }

    [Fact]
    public void TryRead_SimpleEvent_HeaderFromTheSamePass()
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead(HaEvents.Utf8(HaEvents.Simple("sensor.t", "\"21.5\"")), messages, out _));

        var header = Assert.Single(messages).Header!.Value;
        Assert.Equal(("state_changed", "sensor.t", "01HX0000000000000000000001"), (header.EventType, header.EntityId, header.ContextId));
        Assert.Equal(TimeSpan.Zero, header.TimeFired.Offset);
    }

    [Fact]
    public void TryRead_ResultMessage_NoHeader()
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead("""{"id":3,"type":"result","success":true,"result":{"event":{"event_type":"x","time_fired":"2024-05-01T10:00:00Z"}}}"""u8.ToArray(), messages, out _));

        Assert.Null(Assert.Single(messages).Header);
    }

    [Theory]
    [InlineData("""{"id":7,"type":"event","event":{"event_type":"x","time_fired":"2024-05-01T10:00:00Z"}}""")]
    [InlineData("""{"ingestor":{"home":"old"},"id":7,"type":"event"}""")]
    [InlineData("""{"id":7,"ingestor":{"home":"old"},"type":"event"}""")]
    [InlineData("""{"id":7,"type":"event","ingestor":null}""")]
    [InlineData("""{}""")]
    [InlineData("""  {"id":7}  """)]
    public void WrapMessage_AnyMembers_SameBytesAsWrappingTheSpan(string json)
    {
        var messages = new List<HaMessage>();
        Assert.True(HaFrameReader.TryRead(Encoding.UTF8.GetBytes(json), messages, out _));
        var metadata = new IngestMetadata("Küche \"1\"", "Area", null, CatchUp: true);
        var fromMessage = new System.Buffers.ArrayBufferWriter<byte>();

        IngestEnvelope.Wrap(messages[0], metadata, fromMessage);

        Assert.Equal(Encoding.UTF8.GetString(IngestEnvelope.Wrap(messages[0].Json.Span, metadata)), Encoding.UTF8.GetString(fromMessage.WrittenSpan));
    }

    [Theory]
    [InlineData("null", """{"state":"on","attributes":{"b":1}}""", true, false, "\"on\"", """{"b":1}""")]
    [InlineData("""{"state":"off"}""", """{"attributes":{"b":2},"state":"off","last_updated":"2024-05-01T10:00:00Z"}""", false, false, "\"off\"", """{"b":2}""")]
    [InlineData("null", """{"state":"1"}""", true, false, "\"1\"", "")]
    [InlineData("""{"state":"off"}""", "null", false, true, "", "")]
    public void TryRead_StateChanged_StateChangeShapeLocatesStateAndAttributes(string oldState, string newState, bool oldNull, bool removed, string state, string attributes)
    {
        var json = $$$"""{"id":7,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"light.a","old_state":{{{oldState}}},"new_state":{{{newState}}}},"time_fired":"2024-05-01T10:00:00Z"}}""";
        var frame = Encoding.UTF8.GetBytes($"[{{\"type\":\"pong\",\"id\":1}},{json}]");
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead(frame, messages, out _));

        var message = messages[1];
        var shape = message.StateChange!.Value;
        Assert.Equal((oldNull, removed), (shape.OldStateNull, shape.NewStateRemoved));
        Assert.Equal(state, Encoding.UTF8.GetString(message.Json.Span[shape.State]));
        Assert.Equal(attributes, Encoding.UTF8.GetString(message.Json.Span[shape.Attributes]));
    }

    [Fact]
    public void TryRead_StateChangedWithoutOldState_NoShape()
    {
        var messages = new List<HaMessage>();

        Assert.True(HaFrameReader.TryRead("""{"id":7,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"light.a","new_state":{"state":"on"}},"time_fired":"2024-05-01T10:00:00Z"}}"""u8.ToArray(), messages, out _));

        Assert.Null(Assert.Single(messages).StateChange);
    }
}
