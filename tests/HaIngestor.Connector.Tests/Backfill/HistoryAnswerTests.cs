using System.Text.Json;
using HaIngestor.Connector.Backfill;

namespace HaIngestor.Connector.Tests.Backfill;

public sealed class HistoryAnswerTests
{
    [Fact]
    public void Read_CompressedAnswer_DecodesEveryFieldAndLcDefaultsToLu()
    {
        using var answer = JsonDocument.Parse("""
            {
              "sensor.kitchen_temperature": [
                {"s": "21.4", "a": {"unit_of_measurement": "°C", "state_class": "measurement"}, "lu": 1764590400.123456},
                {"s": "21.4", "a": {"unit_of_measurement": "°C", "friendly_name": "Kitchen"}, "lu": 1764590460.5, "lc": 1764590400.123456}
              ],
              "light.hall": [{"s": "on", "lu": 1764590401}]
            }
            """);

        var states = HistoryAnswer.Read(answer.RootElement, out var malformed);

        Assert.Equal(0, malformed);
        Assert.Equal(3, states.Count);
        var first = states[0];
        Assert.Equal("sensor.kitchen_temperature", first.EntityId);
        Assert.Equal("21.4", first.State);
        Assert.Equal("°C", first.Attributes.GetProperty("unit_of_measurement").GetString());
        Assert.Equal("measurement", first.Attributes.GetProperty("state_class").GetString());
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), first.LastUpdated);
        Assert.Equal(first.LastUpdated, first.LastChanged);
        var second = states[1];
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 12, 1, 0, 500, TimeSpan.Zero), second.LastUpdated);
        Assert.Equal(first.LastUpdated, second.LastChanged);
        Assert.Equal("Kitchen", second.Attributes.GetProperty("friendly_name").GetString());
        var light = states[2];
        Assert.Equal(("light.hall", "on"), (light.EntityId, light.State));
        Assert.Equal(JsonValueKind.Undefined, light.Attributes.ValueKind);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 12, 0, 1, TimeSpan.Zero), light.LastUpdated);
    }

    [Fact]
    public void Read_EntriesWithoutStateOrTime_AreCountedNotReturned()
    {
        using var answer = JsonDocument.Parse("""
            {"sensor.a": [{"lu": 1764590400}, {"s": 3, "lu": 1764590400}, {"s": "1", "lu": "yesterday"}, {"s": "2", "lu": 1764590400, "lc": "x"}, {"s": "ok", "lu": 1764590400}],
             "sensor.b": {"s": "1"}}
            """);

        var states = HistoryAnswer.Read(answer.RootElement, out var malformed);

        Assert.Equal(5, malformed);
        Assert.Equal("ok", Assert.Single(states).State);
    }

    [Fact]
    public void Write_DecodedState_IsTheStateChangedEventOfItsLastUpdated()
    {
        using var answer = JsonDocument.Parse("""{"s": "on", "a": {"brightness": 180}, "lu": 1764590460.25, "lc": 1764590400}""");
        Assert.True(HistoryAnswer.TryRead("light.hall", answer.RootElement, out var state));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        HistoryEvents.Write(buffer, state);

        using var message = JsonDocument.Parse(buffer.WrittenMemory);
        var haEvent = message.RootElement.GetProperty("event");
        Assert.Equal("state_changed", haEvent.GetProperty("event_type").GetString());
        Assert.Equal("2025-12-01T12:01:00.250000+00:00", haEvent.GetProperty("time_fired").GetString());
        var newState = haEvent.GetProperty("data").GetProperty("new_state");
        Assert.Equal(JsonValueKind.Null, haEvent.GetProperty("data").GetProperty("old_state").ValueKind);
        Assert.Equal("on", newState.GetProperty("state").GetString());
        Assert.Equal(180, newState.GetProperty("attributes").GetProperty("brightness").GetInt32());
        Assert.Equal("2025-12-01T12:00:00.000000+00:00", newState.GetProperty("last_changed").GetString());
        Assert.Equal("2025-12-01T12:01:00.250000+00:00", newState.GetProperty("last_updated").GetString());
    }
}
