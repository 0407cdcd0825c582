using System.Text.Json;

namespace HaIngestor.Simulator.Tests;

public sealed class HaSimulatorEventTests
{
    [Fact]
    public async Task SubscribeEvents_StateSet_ReceivesStateChangedInHaShape()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"state_changed"}""");
        var result = await client.ReceiveResultAsync(sub);

        sim.SetState("sensor.kitchen_temperature", "23.4");
        var message = await client.ReceiveEventAsync(sub);

        Assert.Equal(JsonValueKind.Null, result.GetProperty("result").ValueKind);
        // HA's cached_event_message serializes the event once and appends the subscription id last.
        Assert.Equal(["type", "event", "id"], message.EnumerateObject().Select(p => p.Name));
        var ev = message.GetProperty("event");
        Assert.Equal(["event_type", "data", "origin", "time_fired", "context"], ev.EnumerateObject().Select(p => p.Name));
        Assert.Equal("LOCAL", ev.GetProperty("origin").GetString());
        var data = ev.GetProperty("data");
        Assert.Equal("sensor.kitchen_temperature", data.GetProperty("entity_id").GetString());
        Assert.Equal("23.4", data.GetProperty("new_state").GetProperty("state").GetString());
        Assert.Equal(data.GetProperty("new_state").GetProperty("last_updated").GetString(), ev.GetProperty("time_fired").GetString());
    }

    [Fact]
    public async Task SubscribeEvents_EventTypeFilter_OnlyMatchingEventsArrive()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"call_service"}""");
        await client.ReceiveResultAsync(sub);

        sim.SetState("switch.coffee_machine", "on");
        sim.CallService("light", "turn_on", new Dictionary<string, object?> { ["entity_id"] = "light.bedroom_lamp" });
        var message = await client.ReceiveAsync();

        Assert.Equal("call_service", message.GetProperty("event").GetProperty("event_type").GetString());
    }

    [Fact]
    public async Task UnsubscribeEvents_AfterUnsubscribe_NoMoreEvents()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);
        var unsub = await client.SendCommandAsync($$"""{"type":"unsubscribe_events","subscription":{{sub}}}""");
        Assert.True((await client.ReceiveResultAsync(unsub)).GetProperty("success").GetBoolean());

        sim.SetState("switch.coffee_machine", "on");
        var ping = await client.SendCommandAsync("""{"type":"ping"}""");
        var next = await client.ReceiveAsync();

        Assert.Equal("pong", next.GetProperty("type").GetString());
        Assert.Equal(ping, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task BackgroundActivity_RateConfigured_EventsFlowWithoutBeingAsked()
    {
        await using var sim = await SimulatorFixture.StartAsync(o => o.EventsPerSecond = 200);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);

        var ev = await client.ReceiveEventAsync(sub);

        Assert.False(string.IsNullOrEmpty(ev.GetProperty("event").GetProperty("event_type").GetString()));
    }

    [Fact]
    public async Task CoalesceMessages_Negotiated_BurstArrivesInArrayFrames()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, coalesce: true);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);

        const int Count = 5_000;
        var burst = sim.FireBurstAsync(Count);
        var received = 0;
        while (received < Count)
        {
            await client.ReceiveEventAsync(sub);
            received++;
        }

        Assert.Equal(Count, await burst);
        Assert.Contains(client.Frames, f => f.StartsWith('['));
        Assert.True(sim.Counters.FramesSent < sim.Counters.MessagesSent);
    }

    [Fact]
    public async Task CoalesceMessages_NotNegotiated_EveryFrameIsOneObject()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);

        await sim.FireBurstAsync(1_000);
        for (var i = 0; i < 1_000; i++)
        {
            await client.ReceiveEventAsync(sub);
        }

        Assert.All(client.Frames, f => Assert.StartsWith("{", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FireBurst_TwentyThousandEvents_AllArriveInOrderWithoutCutOff()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, coalesce: true);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);

        const int Count = 20_000;
        var burst = sim.FireBurstAsync(Count);
        var lastFired = new Dictionary<string, string>();
        for (var i = 0; i < Count; i++)
        {
            var ev = (await client.ReceiveEventAsync(sub)).GetProperty("event");
            if (ev.GetProperty("event_type").GetString() == "state_changed")
            {
                var entityId = ev.GetProperty("data").GetProperty("entity_id").GetString()!;
                var fired = ev.GetProperty("time_fired").GetString()!;
                if (lastFired.TryGetValue(entityId, out var previous))
                {
                    Assert.True(DateTimeOffset.Parse(fired, System.Globalization.CultureInfo.InvariantCulture) >
                                DateTimeOffset.Parse(previous, System.Globalization.CultureInfo.InvariantCulture));
                }

                lastFired[entityId] = fired;
            }
        }

        Assert.Equal(Count, await burst);
        Assert.Equal(0, sim.Counters.ClientsCutOff);
    }

    [Fact]
    public async Task SubscribeEntities_Subscribed_SendsAdditionsThenCompressedChanges()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_entities"}""");
        await client.ReceiveResultAsync(sub);

        var initial = (await client.ReceiveEventAsync(sub)).GetProperty("event");
        var lamp = initial.GetProperty("a").GetProperty("light.living_room_lamp");
        Assert.Equal(sim.EntityIds.Count, initial.GetProperty("a").EnumerateObject().Count());
        Assert.Equal("off", lamp.GetProperty("s").GetString());
        Assert.Equal(JsonValueKind.Object, lamp.GetProperty("a").ValueKind);
        Assert.Equal(JsonValueKind.String, lamp.GetProperty("c").ValueKind);
        Assert.Equal(JsonValueKind.Number, lamp.GetProperty("lc").ValueKind);

        sim.CallService("light", "turn_on", new Dictionary<string, object?> { ["entity_id"] = "light.living_room_lamp", ["brightness"] = 200 });
        var change = (await client.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("c").GetProperty("light.living_room_lamp");

        var plus = change.GetProperty("+");
        Assert.Equal("on", plus.GetProperty("s").GetString());
        Assert.Equal(200, plus.GetProperty("a").GetProperty("brightness").GetInt32());
        Assert.Equal(JsonValueKind.Number, plus.GetProperty("lc").ValueKind);
        Assert.Equal(JsonValueKind.Object, plus.GetProperty("c").ValueKind);
        Assert.False(plus.GetProperty("a").TryGetProperty("friendly_name", out _));
    }

    [Fact]
    public async Task SubscribeEntities_AttributeRemovedAndEntityRemoved_SendsMinusAndR()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_entities","entity_ids":["switch.garage_heater"]}""");
        await client.ReceiveResultAsync(sub);
        var initial = (await client.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("a");
        Assert.Equal(["switch.garage_heater"], initial.EnumerateObject().Select(p => p.Name));

        sim.SetState("switch.coffee_machine", "on");
        sim.SetState("switch.garage_heater", "off", new Dictionary<string, object?>());
        var change = (await client.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("c").GetProperty("switch.garage_heater");

        Assert.Equal(["friendly_name"], change.GetProperty("-").GetProperty("a").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Number, change.GetProperty("+").GetProperty("lu").ValueKind);
    }
}
