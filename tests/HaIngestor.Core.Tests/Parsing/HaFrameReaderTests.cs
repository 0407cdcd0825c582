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
}
