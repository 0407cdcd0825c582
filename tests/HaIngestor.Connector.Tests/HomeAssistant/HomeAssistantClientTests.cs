using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>The client against the protocol-faithful simulator over real loopback WebSockets.</summary>
public sealed class HomeAssistantClientTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_ValidToken_ConnectsAndForwardsEventsWithAreaAndDevice()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await WaitConnectedAsync(host);

        simulator.SetState("sensor.kitchen_temperature", "23.4");
        simulator.SetState("light.bedroom_lamp", "on");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("light.bedroom_lamp").Count > 0, Wait, "the light's state change arrives");

        var temperature = host.Sink.ForEntity("sensor.kitchen_temperature").Last();
        Assert.Equal("state_changed", temperature.Header.EventType);
        Assert.Equal("23.4", CollectingSink.NewState(temperature));
        Assert.False(temperature.CatchUp);
        Assert.Null(temperature.Home);
        var metadata = CollectingSink.Metadata(temperature);
        Assert.Equal("Kitchen", metadata.GetProperty("area").GetString());
        Assert.Equal("Kitchen Climate Sensor", metadata.GetProperty("device").GetString());

        // The device was renamed by the user: that name wins; the area comes from the device.
        var lamp = CollectingSink.Metadata(host.Sink.ForEntity("light.bedroom_lamp").Last());
        Assert.Equal("Bedroom", lamp.GetProperty("area").GetString());
        Assert.Equal("Bedside Lamp", lamp.GetProperty("device").GetString());

        var status = host.Home();
        Assert.Equal("2026.11.0", status.HaVersion);
        Assert.NotNull(status.ConnectedSince);
        Assert.Equal(0, status.Reconnects);
    }

    [Fact]
    public async Task RunAsync_TokenRejected_ReportsOnceAndRetriesOnlyAfterTheRetryDelay()
    {
        await using var simulator = await StartSimulatorAsync();
        simulator.RejectTokens(true);
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var retryDelay = TimeSpan.FromMinutes(5);
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:AuthFailureRetryDelay"] = "00:05:00";
        settings["HomeAssistant:AuthTimeout"] = "00:10:00";
        await using var host = await ClientHost.StartAsync(settings, time);

        await Eventually.AssertAsync(() => host.Home().AuthFailures == 1, Wait, "the first rejection is recorded");
        Assert.Equal(HomeAssistantConnectionState.AuthFailed, host.Home().State);

        // The client waits on the clock for the retry delay; until the clock has moved that far it stays put.
        await time.WaitForTimersAsync(retryDelay, 1, Wait, "the client waits the auth-failure retry delay");
        Assert.Equal(1, host.Home().AuthFailures);
        time.Advance(retryDelay);
        await Eventually.AssertAsync(() => host.Home().AuthFailures >= 2, Wait, "a second attempt once the retry delay has passed");

        Assert.Equal(1, host.Logs.Count(6002));
        Assert.True(host.Logs.Count(6003) >= 1);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(simulator.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(simulator.Token, host.Home().LastError ?? string.Empty, StringComparison.Ordinal);

        // Once the token is accepted again the client connects on its next slow attempt.
        simulator.RejectTokens(false);
        await time.WaitForTimersAsync(retryDelay, 2, Wait, "the client waits the retry delay again after the second rejection");
        time.Advance(retryDelay);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected after the token is accepted");
    }

    [Fact]
    public async Task RunAsync_CoalescedFrames_EveryMessageOfEveryArrayIsHandled()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:EventTypes:0"] = "*";
        await using var host = await ClientHost.StartAsync(settings);
        await WaitConnectedAsync(host);
        var firedBefore = simulator.EventsFired;

        await simulator.FireBurstAsync(3000);
        await WaitForMarkerAsync(simulator, host.Sink, Wait);

        Assert.Equal(simulator.Counters.EventsSent, host.Sink.Count);
        Assert.Equal(simulator.EventsFired - firedBefore, host.Sink.Count);
        Assert.True(simulator.Counters.FramesSent < simulator.Counters.MessagesSent, "the simulator coalesced messages into array frames");
    }

    [Fact]
    public async Task RunAsync_BurstOf100000Events_ReceivesAllWithoutBeingCutOff()
    {
        await using var simulator = await StartSimulatorAsync();
        var sink = new CollectingSink(keepEvents: false);
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:EventTypes:0"] = "*";
        await using var host = await ClientHost.StartAsync(settings, sink: sink);
        await WaitConnectedAsync(host);
        var firedBefore = simulator.EventsFired;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await simulator.FireBurstAsync(100_000);
        await WaitForMarkerAsync(simulator, sink, TimeSpan.FromSeconds(120));
        output.WriteLine($"{sink.Count} events in {clock.Elapsed.TotalSeconds:0.0} s ({sink.Count / clock.Elapsed.TotalSeconds:0} events/s)");

        Assert.Equal(simulator.Counters.EventsSent, sink.Count);
        Assert.Equal(simulator.EventsFired - firedBefore, sink.Count);
        Assert.True(sink.Count > 99_000);
        Assert.Equal(sink.Count, sink.UniqueEvents);
        Assert.Equal(0, simulator.Counters.ClientsCutOff);
        Assert.Equal(1, simulator.Counters.Connections);
        Assert.Equal(0, host.Home().Reconnects);
    }

    [Fact]
    public async Task RunAsync_SimulatorRestart_CatchesUpStateChangedDuringOutage()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await WaitConnectedAsync(host);
        simulator.SetState("sensor.kitchen_temperature", "21.5");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.kitchen_temperature").Count > 0, Wait, "the event before the gap");

        await simulator.GoDownAsync();
        await Eventually.AssertAsync(() => !host.Home().IsConnected, Wait, "the client notices the outage");
        simulator.SetState("sensor.office_temperature", "30.5");
        await simulator.ComeBackAsync(reannounce: false);

        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.office_temperature").Count > 0, Wait, "the change during the outage is caught up");
        var caughtUp = host.Sink.ForEntity("sensor.office_temperature").Single();
        Assert.True(caughtUp.CatchUp);
        Assert.Equal("30.5", CollectingSink.NewState(caughtUp));
        Assert.True(CollectingSink.Metadata(caughtUp).GetProperty("catch_up").GetBoolean());
        Assert.Equal("Office", CollectingSink.Metadata(caughtUp).GetProperty("area").GetString());
        Assert.Equal(simulator.GetState("sensor.office_temperature")!.LastUpdated, caughtUp.Header.TimeFired);

        // Only what changed after the last event seen is emitted again.
        Assert.DoesNotContain(host.Sink.Events, e => e.CatchUp && e.Header.EntityId != "sensor.office_temperature");
        var status = host.Home();
        Assert.Equal(1, status.CatchUpEvents);
        Assert.True(status.Reconnects >= 1);
        Assert.True(status.IsConnected);
    }

    [Fact]
    public async Task RunAsync_ConnectorRestartedWithStatePath_CatchesUpStateChangedWhileStopped()
    {
        var statePath = Path.Combine(Path.GetTempPath(), $"ha-ingestor-state-{Guid.NewGuid():N}");
        try
        {
            await using var simulator = await StartSimulatorAsync();
            var settings = ClientHost.SettingsFor(simulator);
            settings["HomeAssistant:StatePath"] = statePath;
            await using (var first = await ClientHost.StartAsync(settings))
            {
                await WaitConnectedAsync(first);
                simulator.SetState("sensor.kitchen_temperature", "21.5");
                await Eventually.AssertAsync(() => first.Sink.ForEntity("sensor.kitchen_temperature").Count > 0, Wait, "the event before the stop");
            }

            simulator.SetState("sensor.office_temperature", "30.5");
            await using var second = await ClientHost.StartAsync(settings);

            await Eventually.AssertAsync(() => second.Sink.ForEntity("sensor.office_temperature").Count > 0, Wait, "the change while stopped is caught up");
            var caughtUp = second.Sink.ForEntity("sensor.office_temperature").Single();
            Assert.True(caughtUp.CatchUp);
            Assert.Equal("30.5", CollectingSink.NewState(caughtUp));
            Assert.DoesNotContain(second.Sink.Events, e => e.CatchUp && e.Header.EntityId != "sensor.office_temperature");
        }
        finally
        {
            if (Directory.Exists(statePath))
            {
                Directory.Delete(statePath, recursive: true);
            }
        }
    }

    [Fact]
    public async Task RunAsync_HomeAssistantStalls_NoPongMeansDeadConnectionAndReconnect()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:PingInterval"] = "00:00:00.200";
        settings["HomeAssistant:PongTimeout"] = "00:00:00.500";
        await using var host = await ClientHost.StartAsync(settings);
        await WaitConnectedAsync(host);

        simulator.Stall(TimeSpan.FromMinutes(5));
        await Eventually.AssertAsync(() => host.Logs.Count(6005) >= 1, Wait, "the missing pong is noticed");
        simulator.ResumeFromStall();

        await Eventually.AssertAsync(() => host.Home().IsConnected && host.Home().Reconnects >= 1, Wait, "reconnected after the stall");
        simulator.SetState("sensor.bedroom_humidity", "51");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.bedroom_humidity").Any(e => !e.CatchUp), Wait, "live events flow again");
    }

    [Fact]
    public async Task RunAsync_IncludeAndExcludeFilters_ForwardOnlyMatchingEntitiesAndCountTheRest()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Include:Domains:0"] = "sensor";
        settings["HomeAssistant:Exclude:Entities:0"] = "sensor.house_power";
        await using var host = await ClientHost.StartAsync(settings);
        await WaitConnectedAsync(host);

        simulator.SetState("light.kitchen_ceiling", "on");
        simulator.SetState("sensor.house_power", "812.0");
        simulator.SetState("sensor.kitchen_humidity", "48");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.kitchen_humidity").Count > 0, Wait, "the included sensor arrives");
        await Eventually.AssertAsync(() => host.Home().EventsFiltered == 2, Wait, "the two filtered events are counted");

        Assert.Empty(host.Sink.ForEntity("light.kitchen_ceiling"));
        Assert.Empty(host.Sink.ForEntity("sensor.house_power"));
        Assert.Equal(3, host.Home().EventsReceived);
    }

    [Fact]
    public async Task RunAsync_TwoHomes_TagsEachEventWithItsHome()
    {
        await using var north = await StartSimulatorAsync();
        await using var south = await StartSimulatorAsync();
        var settings = new Dictionary<string, string?>
        {
            ["HomeAssistant:Instances:0:Name"] = "north",
            ["HomeAssistant:Instances:0:Url"] = north.BaseUrl.ToString(),
            ["HomeAssistant:Instances:0:Token"] = north.Token,
            ["HomeAssistant:Instances:1:Name"] = "south",
            ["HomeAssistant:Instances:1:Url"] = south.WebSocketUrl.ToString(),
            ["HomeAssistant:Instances:1:Token"] = south.Token,
        };
        await using var host = await ClientHost.StartAsync(settings);
        await Eventually.AssertAsync(() => host.Status.Homes.Count == 2 && host.Status.Homes.All(h => h.IsConnected), Wait, "both homes connected");

        north.SetState("sensor.kitchen_temperature", "18.0");
        south.SetState("sensor.kitchen_temperature", "26.0");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.kitchen_temperature").Count == 2, Wait, "one event from each home");

        var byHome = host.Sink.ForEntity("sensor.kitchen_temperature").ToDictionary(e => e.Home!, CollectingSink.NewState);
        Assert.Equal("18.0", byHome["north"]);
        Assert.Equal("26.0", byHome["south"]);
        Assert.All(host.Sink.Events, e => Assert.Equal(e.Home, CollectingSink.Metadata(e).GetProperty("home").GetString()));
        Assert.Equal(["north", "south"], host.Status.Homes.Select(h => h.Home));
    }

    [Fact]
    public async Task RunAsync_RegistryUpdatedEvent_RereadsTheRegistriesWithoutForwardingIt()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await WaitConnectedAsync(host);
        Assert.Equal(1, host.Logs.Count(6008));

        for (var i = 0; i < 5; i++)
        {
            simulator.FireEvent("entity_registry_updated", new Dictionary<string, object?> { ["action"] = "update", ["entity_id"] = "light.kitchen_ceiling" });
        }

        await Eventually.AssertAsync(() => host.Logs.Count(6008) >= 2, Wait, "the registries are read again");
        Assert.Equal(0, host.Sink.CountOfType("entity_registry_updated"));
        simulator.SetState("light.kitchen_ceiling", "on");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("light.kitchen_ceiling").Count > 0, Wait, "events keep their area");
        Assert.Equal("Kitchen", CollectingSink.Metadata(host.Sink.ForEntity("light.kitchen_ceiling")[0]).GetProperty("area").GetString());
    }

    [Fact]
    public async Task RunAsync_MalformedFrame_IsCountedAndTheConnectionKept()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await WaitConnectedAsync(host);

        simulator.SendMalformedFrame();
        await Eventually.AssertAsync(() => host.Home().MalformedMessages == 1, Wait, "the malformed frame is counted");
        simulator.SetState("switch.coffee_machine", "on");

        await Eventually.AssertAsync(() => host.Sink.ForEntity("switch.coffee_machine").Count > 0, Wait, "events still flow");
        Assert.Equal(1, simulator.Counters.Connections);
        Assert.Equal(0, host.Home().Reconnects);
        Assert.True(host.Logs.Count(6006) >= 1);
    }

    [Theory]
    [InlineData("2026.11.0")]
    [InlineData("2026.7.3")]
    public async Task RunAsync_EntityOnChildDevice_InheritsTheParentsAreaInEitherRegistryShape(string haVersion)
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            Token = "token-" + Guid.NewGuid().ToString("N"),
            HaVersion = haVersion,
        });
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await WaitConnectedAsync(host);

        simulator.SetState("sensor.living_room_valve_position", "40");
        simulator.SetState("sensor.towel_rail_valve_position", "10");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("sensor.towel_rail_valve_position").Count > 0, Wait, "both changes arrive");

        // 2026.8+: the valve's own area_id is null and its parent's (the thermostat's) applies; before, HA listed it directly.
        var valve = CollectingSink.Metadata(host.Sink.ForEntity("sensor.living_room_valve_position").Last());
        Assert.Equal("Living Room", valve.GetProperty("area").GetString());
        Assert.Equal("Living Room Radiator Valve", valve.GetProperty("device").GetString());
        var rail = CollectingSink.Metadata(host.Sink.ForEntity("sensor.towel_rail_valve_position").Last());
        Assert.Equal("Bathroom", rail.GetProperty("area").GetString());
    }

    [Fact]
    public async Task RunAsync_RestartAnnouncedWhileInBackoff_EveryEntitysNewStateArrivesLiveOrByCatchUp()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            Token = "token-" + Guid.NewGuid().ToString("N"),
            StartupDuration = TimeSpan.FromSeconds(2),
        });
        var settings = ClientHost.SettingsFor(simulator);
        // Backoff long enough that the server is back and announcing before the client returns.
        settings["HomeAssistant:ReconnectMinDelay"] = "00:00:00.300";
        settings["HomeAssistant:ReconnectMaxDelay"] = "00:00:00.600";
        // With the restart-duplicate filter off every re-announcement is written, the coffee machine's unchanged one too.
        settings["HomeAssistant:SkipRestartDuplicates"] = "false";
        await using var host = await ClientHost.StartAsync(settings);
        await WaitConnectedAsync(host);
        simulator.SetState("switch.coffee_machine", "on");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("switch.coffee_machine").Count > 0, Wait, "a first live event");

        await simulator.GoDownAsync();
        await simulator.ComeBackAsync();
        await Eventually.AssertAsync(() => host.Home().Reconnects == 1 && host.Home().IsConnected, Wait, "reconnected");

        // Each entity's restart state (its new last_updated) reaches the sink, as a live re-announcement or by catch-up.
        await Eventually.AssertAsync(
            () => simulator.GetStates().All(state => host.Sink.ForEntity(state.EntityId).Any(e => e.Header.LastUpdated == state.LastUpdated)),
            Wait,
            "every re-announced state arrived");
        Assert.Contains(host.Sink.Events, e => e.CatchUp);
        Assert.Equal(0, host.Home().RestartDuplicates);
    }

    private static Task<HaSimulator> StartSimulatorAsync() =>
        HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, Token = "token-" + Guid.NewGuid().ToString("N") });

    /// <summary>
    /// Fires a marker event after everything else (the client must subscribe to "*"); once it arrives, every event
    /// sent before it on the same socket has arrived too, so the simulator's sent counter can be compared exactly.
    /// </summary>
    private static Task WaitForMarkerAsync(HaSimulator simulator, CollectingSink sink, TimeSpan timeout)
    {
        const string marker = "hai_test_marker";
        simulator.FireEvent(marker, new Dictionary<string, object?> { ["n"] = 1 });
        return Eventually.AssertAsync(() => sink.CountOfType(marker) == 1, timeout, "the marker fired after the burst arrives");
    }

    private static Task WaitConnectedAsync(ClientHost host) =>
        Eventually.AssertAsync(() => host.Status.Homes.Count > 0 && host.Status.Homes.All(h => h.IsConnected), Wait, "connected");
}
