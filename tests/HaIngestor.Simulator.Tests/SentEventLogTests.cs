using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Tests;

public sealed class SentEventLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToJson_FramesOnTwoConnections_EachConnectionKeepsItsFramesInOrderAndHowItEnded()
    {
        var log = new SentEventLog();
        var first = Changed("light.kitchen", 1);
        var second = Changed("sensor.hall", 2);
        var third = Changed("light.kitchen", 3);
        foreach (var published in new[] { first, second, third })
        {
            log.OnEvent(published);
        }

        log.Sent(1, [first, second]);
        log.Sent(1, [third]);
        log.Ended(1, byServer: true);
        log.Sent(2, [third]);

        using var json = JsonDocument.Parse(log.ToJson());
        var connections = json.RootElement.GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(2, connections.Count);
        Assert.Equal((1, "server"), (connections[0].GetProperty("id").GetInt32(), connections[0].GetProperty("ended").GetString()));
        Assert.Equal((2, "open"), (connections[1].GetProperty("id").GetInt32(), connections[1].GetProperty("ended").GetString()));
        var frames = connections[0].GetProperty("frames").EnumerateArray()
            .Select(f => string.Join(' ', f.EnumerateArray().Select(e => $"{e[0].GetString()}@{e[1].GetInt64() - Micros(0)}")))
            .ToList();
        Assert.Equal(["light.kitchen@1000000 sensor.hall@2000000", "light.kitchen@3000000"], frames);
        var kitchen = json.RootElement.GetProperty("entities").GetProperty("light.kitchen");
        Assert.Equal(3, kitchen.GetProperty("sent").GetArrayLength());
        Assert.Equal(2, kitchen.GetProperty("fired").GetArrayLength());
    }

    [Fact]
    public void Ended_Twice_FirstEndStands()
    {
        var log = new SentEventLog();
        var changed = Changed("light.kitchen", 1);
        log.Sent(7, [changed]);

        log.Ended(7, byServer: false);
        log.Ended(7, byServer: true);

        using var json = JsonDocument.Parse(log.ToJson());
        Assert.Equal("client", json.RootElement.GetProperty("connections")[0].GetProperty("ended").GetString());
    }

    private static long Micros(int seconds) => (Start.AddSeconds(seconds).UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    private static PublishedEvent Changed(string entityId, int seconds)
    {
        var at = Start.AddSeconds(seconds);
        var context = new HaContext("01JGZ0000000000000000000" + seconds.ToString("00", System.Globalization.CultureInfo.InvariantCulture), null, null);
        var state = new HaState(entityId, "on", new Dictionary<string, object?>(), at, at, at, context);
        return new PublishedEvent(new HaEvent("state_changed", new Dictionary<string, object?> { ["entity_id"] = entityId, ["new_state"] = state }, at, context)
        {
            NewState = state,
        });
    }
}
