using HaIngestor.Core.Parsing;
using HaIngestor.Core.Tests.TestData;

namespace HaIngestor.Core.Tests.Parsing;

public sealed class EventHeaderTests
{
    [Fact]
    public void TryRead_StateChanged_ReadsEverything()
    {
        var message = HaEvents.StateChanged(
            "\"light.kitchen\"",
            HaEvents.State("light.kitchen", "\"on\"", lastUpdated: "2024-05-01T11:59:59.5+02:00"),
            timeFired: "2024-05-01T12:00:00.123456+00:00",
            envelope: "\"ingestor\":{\"home\":\"h\"},");

        Assert.True(EventHeader.TryRead(HaEvents.Utf8(message), out var header));

        Assert.Equal("state_changed", header.EventType);
        Assert.Equal("light.kitchen", header.EntityId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560), header.TimeFired);
        Assert.Equal(TimeSpan.Zero, header.TimeFired.Offset);
        Assert.Equal("01HX0000000000000000000001", header.ContextId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 59, 59, 500, TimeSpan.Zero), header.LastUpdated);
    }

    [Fact]
    public void TryRead_Removal_NoLastUpdated()
    {
        Assert.True(EventHeader.TryRead(HaEvents.Utf8(HaEvents.StateChanged("\"sensor.x\"", null)), out var header));

        Assert.Equal("sensor.x", header.EntityId);
        Assert.Null(header.LastUpdated);
    }

    [Fact]
    public void TryRead_CallService_NoEntity()
    {
        Assert.True(EventHeader.TryRead(HaEvents.Utf8(HaEvents.CallService("light", "turn_on", "{\"entity_id\":\"light.a\"}")), out var header));

        Assert.Equal("call_service", header.EventType);
        Assert.Null(header.EntityId);
        Assert.Null(header.LastUpdated);
    }

    [Theory]
    [InlineData("{\"id\":1,\"type\":\"result\",\"success\":true}")]
    [InlineData("{\"type\":\"event\",\"event\":{\"time_fired\":\"2024-05-01T12:00:00Z\"}}")]
    [InlineData("{\"type\":\"event\",\"event\":{\"event_type\":\"x\",\"time_fired\":\"yesterday\"}}")]
    [InlineData("{\"type\":\"event\",\"event\":{\"event_type\":\"x\"}}")]
    [InlineData("{\"type\":\"event\",\"event\":{\"event_type\":\"x\",\"time_fired\":\"2024-05-01T12:00:00Z\"")]
    [InlineData("garbage")]
    [InlineData("")]
    public void TryRead_NotAReadableEvent_False(string message)
    {
        Assert.False(EventHeader.TryRead(HaEvents.Utf8(message), out _));
    }
}
