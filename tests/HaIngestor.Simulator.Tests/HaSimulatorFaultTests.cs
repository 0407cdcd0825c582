using System.Net.WebSockets;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.Simulator.Tests;

public sealed class HaSimulatorFaultTests
{
    [Fact]
    public async Task RestartAsync_ClientReconnectsAndSubscribes_SeesEveryEntityReannouncedWithOldStateNull()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var port = sim.Port;
        await using var before = await HaTestClient.ConnectAuthenticatedAsync(sim);

        await sim.GoDownAsync();
        Assert.True(await before.WaitForCloseAsync());
        Assert.False(sim.IsUp);
        await sim.ComeBackAsync(reannounce: false);
        await using var after = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await after.SendCommandAsync("""{"type":"subscribe_events","event_type":"state_changed"}""");
        await after.ReceiveResultAsync(sub);
        var announced = sim.ReannounceAll();
        var seen = new HashSet<string>();
        for (var i = 0; i < announced; i++)
        {
            var data = (await after.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("data");
            Assert.Equal(JsonValueKind.Null, data.GetProperty("old_state").ValueKind);
            seen.Add(data.GetProperty("entity_id").GetString()!);
        }

        Assert.Equal(port, sim.Port);
        Assert.Equal(sim.EntityIds.ToHashSet(), seen);
    }

    [Fact]
    public async Task SetState_WhileDown_VisibleInGetStatesAfterComingBack()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var before = sim.GetState("binary_sensor.front_door")!;

        await sim.GoDownAsync();
        sim.SetState("binary_sensor.front_door", "on");
        await sim.ComeBackAsync(reannounce: false);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var id = await client.SendCommandAsync("""{"type":"get_states"}""");
        var door = (await client.ReceiveResultAsync(id)).GetProperty("result").EnumerateArray()
            .Single(s => s.GetProperty("entity_id").GetString() == "binary_sensor.front_door");

        Assert.Equal("on", door.GetProperty("state").GetString());
        Assert.True(DateTimeOffset.Parse(door.GetProperty("last_updated").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > before.LastUpdated);
    }

    [Fact]
    public async Task RestartAsync_Default_ComesBackOnSamePortAndAcceptsClients()
    {
        await using var sim = await SimulatorFixture.StartAsync(o => o.RestartDowntime = TimeSpan.Zero);
        var port = sim.Port;
        var fired = sim.EventsFired;

        await sim.RestartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        Assert.Equal(port, sim.Port);
        Assert.Equal(fired + sim.EntityIds.Count, sim.EventsFired);
    }

    [Fact]
    public async Task SlowClient_StopsReadingDuringBurst_IsCutOffOverThePendingLimit()
    {
        await using var sim = await SimulatorFixture.StartAsync(o =>
        {
            o.PendingLimit = 256;
            o.PendingPeak = 64;
            o.PendingPeakTime = TimeSpan.FromMilliseconds(500);
        });
        await using var reader = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await reader.SendCommandAsync("""{"type":"subscribe_events"}""");
        await reader.ReceiveResultAsync(sub);
        // A client that never reads again: its socket buffers fill, then the server-side queue.

        var burst = sim.FireBurstAsync(50_000);
        await HaIngestor.TestUtilities.Eventually.AssertAsync(() => sim.Counters.ClientsCutOff == 1, TimeSpan.FromSeconds(60), "client cut off");

        // Reading again lets the write in progress finish; what was still queued is dropped and HA closes with 1000.
        Assert.True(await reader.WaitForCloseAsync());
        await burst;
        Assert.Equal(WebSocketCloseStatus.NormalClosure, reader.CloseStatus);
        Assert.Equal(0, sim.ConnectedClients);
    }

    [Fact]
    public async Task GoDownAsync_ClientConnected_ClosesWithNormalClosure()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var receiving = client.WaitForCloseAsync();

        await sim.GoDownAsync();

        Assert.True(await receiving);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task ComeBackAsync_StartupDuration_ClientConnectingMeanwhileGetsTheRestAsLiveReannouncements()
    {
        var time = new TimerWatchingTimeProvider(SimulatorFixture.FakeTime().GetUtcNow());
        var batchDelay = TimeSpan.FromSeconds(1);
        await using var sim = await SimulatorFixture.StartAsync(o => o.StartupDuration = TimeSpan.FromSeconds(10), time);
        await sim.GoDownAsync();
        var comingBack = sim.ComeBackAsync();

        // The server listens before the first batch is out; a client that connects now sees the others arrive live.
        await HaIngestor.TestUtilities.Eventually.AssertAsync(() => sim.IsUp, TimeSpan.FromSeconds(30), "listening again");
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"state_changed"}""");
        await client.ReceiveResultAsync(sub);
        var announced = new HashSet<string>(StringComparer.Ordinal);
        // The come-back waits a tenth of the startup duration between batches: each time it waits, move the clock by that.
        for (var step = 1; !comingBack.IsCompleted; step++)
        {
            Assert.True(step <= 100, "the come-back was not over after 100 batch delays");
            var next = time.WaitForTimersAsync(batchDelay, step, TimeSpan.FromSeconds(30), "the come-back's next batch");
            if (await Task.WhenAny(comingBack, next) == comingBack)
            {
                break;
            }

            await next;
            time.Advance(batchDelay);
        }

        await comingBack.WaitAsync(TimeSpan.FromSeconds(30));
        var total = sim.EntityIds.Count;
        var firstBatch = (total + 9) / 10;
        while (announced.Count < total - firstBatch)
        {
            var changed = await client.ReceiveEventAsync(sub, "state_changed");
            var data = changed.GetProperty("event").GetProperty("data");
            Assert.Equal(JsonValueKind.Null, data.GetProperty("old_state").ValueKind);
            announced.Add(data.GetProperty("entity_id").GetString()!);
        }

        Assert.Equal(total - firstBatch, announced.Count);
    }

    [Fact]
    public async Task DropConnections_ClientConnected_ConnectionEndsWithoutCloseHandshake()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        Assert.Equal(1, sim.DropConnections());

        Assert.True(await client.WaitForCloseAsync());
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task SendMalformedFrame_ClientConnected_ReceivesTextThatIsNotJson()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, coalesce: true);

        sim.SendMalformedFrame();
        var frame = await client.ReceiveFrameAsync();

        Assert.NotNull(frame);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(frame));
    }

    [Fact]
    public async Task Stall_WhileStalled_PingIsAnsweredOnlyAfterTheStallEnds()
    {
        // The stall gate re-checks every 100 ms of the simulator's clock; on a fake clock it holds until the clock moves.
        var recheck = TimeSpan.FromMilliseconds(100);
        var time = new TimerWatchingTimeProvider(SimulatorFixture.FakeTime().GetUtcNow());
        await using var sim = await SimulatorFixture.StartAsync(time: time);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var checks = time.Created.Count(d => d == recheck);

        sim.Stall(TimeSpan.FromMinutes(10));
        var id = await client.SendCommandAsync("""{"type":"ping"}""");
        var resumed = 0;
        var pong = client.ReceiveAsync().ContinueWith(t => (Message: t.Result, AfterResume: Volatile.Read(ref resumed) == 1), TaskScheduler.Default);
        await time.WaitForTimersAsync(recheck, checks + 1, TimeSpan.FromSeconds(30), "the stalled simulator holds the ping");
        Volatile.Write(ref resumed, 1);
        sim.ResumeFromStall();
        time.Advance(recheck);

        var (message, afterResume) = await pong.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(afterResume, "the pong was sent while the simulator was stalled");
        Assert.Equal(id, message.GetProperty("id").GetInt32());
    }
}
