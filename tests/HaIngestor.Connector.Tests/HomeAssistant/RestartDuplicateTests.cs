using System.Text;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Core.Parsing;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>Home Assistant's re-announcement of unchanged entities after a restart, against the simulator and in unit form.</summary>
public sealed class RestartDuplicateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_RestartAnnouncedWhileConnecting_UnchangedEntitiesSkippedAndCountedRealChangeKept()
    {
        await using var simulator = await StartSimulatorAsync(TimeSpan.FromSeconds(2));
        var settings = ClientHost.SettingsFor(simulator);
        // Backoff long enough that the server is back and announcing before the client returns: some entities come
        // by catch-up, the rest live.
        settings["HomeAssistant:ReconnectMinDelay"] = "00:00:00.300";
        settings["HomeAssistant:ReconnectMaxDelay"] = "00:00:00.600";
        await using var host = await ClientHost.StartAsync(settings);
        await PrimeAsync(simulator, host);
        var total = simulator.GetStates().Count;

        await simulator.GoDownAsync();
        var changed = simulator.SetState("sensor.kitchen_temperature", "27.25");
        await simulator.ComeBackAsync();

        await Eventually.AssertAsync(() => host.Home().RestartDuplicates == total - 1, Wait, "every unchanged entity is counted as a re-announcement");
        await Eventually.AssertAsync(
            () => host.Sink.ForEntity("sensor.kitchen_temperature").Any(e => CollectingSink.NewState(e) == "27.25"),
            Wait,
            "the real change during the restart is written");
        AssertOnlyTheChangeWritten(simulator, host, changed.EntityId);
    }

    [Fact]
    public async Task RunAsync_RestartWhileDisconnected_CatchUpWritesOnlyChangedEntities()
    {
        await using var simulator = await StartSimulatorAsync(TimeSpan.Zero);
        await using var host = await ClientHost.StartAsync(ClientHost.SettingsFor(simulator));
        await PrimeAsync(simulator, host);
        var total = simulator.GetStates().Count;

        await simulator.GoDownAsync();
        await Eventually.AssertAsync(() => !host.Home().IsConnected, Wait, "the client notices the outage");
        simulator.SetState("light.bedroom_lamp", "off", new Dictionary<string, object?> { ["friendly_name"] = "Bedroom Lamp", ["brightness"] = 12 });
        // While unreachable HA restarts and re-announces everything: every state has a new last_updated.
        simulator.ReannounceAll();
        await simulator.ComeBackAsync(reannounce: false);

        await Eventually.AssertAsync(() => host.Home().RestartDuplicates == total - 1, Wait, "catch-up skips every unchanged entity");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("light.bedroom_lamp").Any(e => e.CatchUp), Wait, "the changed lamp is caught up");
        var lamp = host.Sink.ForEntity("light.bedroom_lamp").Single(e => e.CatchUp);
        Assert.Equal("off", CollectingSink.NewState(lamp));
        AssertOnlyTheChangeWritten(simulator, host, "light.bedroom_lamp");
        Assert.Equal(total, host.Home().CatchUpEvents);
    }

    [Fact]
    public async Task RunAsync_SkippingOff_RestartWhileDisconnectedCatchUpWritesEveryEntity()
    {
        await using var simulator = await StartSimulatorAsync(TimeSpan.Zero);
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:SkipRestartDuplicates"] = "false";
        await using var host = await ClientHost.StartAsync(settings);
        await PrimeAsync(simulator, host);

        await simulator.GoDownAsync();
        await Eventually.AssertAsync(() => !host.Home().IsConnected, Wait, "the client notices the outage");
        simulator.ReannounceAll();
        await simulator.ComeBackAsync(reannounce: false);

        await Eventually.AssertAsync(
            () => simulator.GetStates().All(s => host.Sink.ForEntity(s.EntityId).Count == 2),
            Wait,
            "with skipping off every entity's unchanged restart state is caught up and written");
        Assert.All(simulator.GetStates(), s => Assert.Equal(s.LastUpdated, host.Sink.ForEntity(s.EntityId)[^1].Header.LastUpdated));
        Assert.Equal(0, host.Home().RestartDuplicates);
    }

    [Fact]
    public void IsDuplicate_SameStateAndAttributesWithOldStateNull_IsADuplicateAnyOtherIsNot()
    {
        var filter = new RestartDuplicateFilter(10);
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"on","attributes":{"b":1}}"""), "light.a"));
        Assert.True(filter.IsDuplicate(Event("null", """{"state":"on","attributes":{"b":1},"last_updated":"2026-12-06T10:00:00+00:00"}"""), "light.a"));

        // A real change: written, and it becomes the known state.
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"on","attributes":{"b":2}}"""), "light.a"));
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"off","attributes":{"b":2}}"""), "light.a"));
        Assert.True(filter.IsDuplicate(Event("null", """{"attributes":{"b":2},"state":"off"}"""), "light.a"));

        // With an old state it is an ordinary change, never a re-announcement.
        Assert.False(filter.IsDuplicate(Event("""{"state":"off"}""", """{"state":"off","attributes":{"b":2}}"""), "light.a"));

        // Removal forgets the entity: the next announcement is written.
        Assert.False(filter.IsDuplicate(Event("""{"state":"off"}""", "null"), "light.a"));
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"off","attributes":{"b":2}}"""), "light.a"));
        Assert.Equal(1, filter.Count);
    }

    [Fact]
    public void IsDuplicate_FromTheFrameReadersPass_SameVerdictsAsReadingTheMessage()
    {
        string[][] sequence =
        [
            ["null", """{"state":"on","attributes":{"b":1}}"""],
            ["null", """{"state":"on","attributes":{"b":1},"last_updated":"2026-12-06T10:00:00+00:00"}"""],
            ["null", """{"state":"on","attributes":{"b":2}}"""],
            ["null", """{"attributes":{"b":2},"state":"on"}"""],
            ["""{"state":"off"}""", """{"state":"on","attributes":{"b":2}}"""],
            ["""{"state":"on"}""", "null"],
            ["null", """{"state":"on","attributes":{"b":2}}"""],
            ["null", """{"attributes":{"b":2}}"""],
            ["null", """{"state":"on","attributes":{"b":2}}"""],
        ];
        var reading = new RestartDuplicateFilter(10);
        var fromPass = new RestartDuplicateFilter(10);
        var verdicts = new List<bool>();
        foreach (var step in sequence)
        {
            var message = Event(step[0], step[1]);
            var messages = new List<HaMessage>();
            Assert.True(HaFrameReader.TryRead(message, messages, out _));
            var expected = reading.IsDuplicate(message, "light.a");
            Assert.Equal(expected, fromPass.IsDuplicate(messages[0], "light.a"));
            verdicts.Add(expected);
        }

        Assert.Equal([false, true, false, true, false, false, false, false, true], verdicts);
    }

    [Fact]
    public void IsDuplicate_PastTheEntityBound_NewEntitiesAreAlwaysWritten()
    {
        var filter = new RestartDuplicateFilter(1);
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"1"}"""), "sensor.a"));
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"1"}"""), "sensor.b"));
        Assert.False(filter.IsDuplicate(Event("null", """{"state":"1"}"""), "sensor.b"));
        Assert.True(filter.IsDuplicate(Event("null", """{"state":"1"}"""), "sensor.a"));
        Assert.Equal(1, filter.Count);
    }

    [Fact]
    public void IsDuplicate_NotAStateChange_IsNeverADuplicate()
    {
        var filter = new RestartDuplicateFilter(10);
        var call = Encoding.UTF8.GetBytes("""{"id":1,"type":"event","event":{"event_type":"call_service","data":{"domain":"light"}}}""");
        Assert.False(filter.IsDuplicate(call, "light.a"));
        Assert.False(filter.IsDuplicate(call, "light.a"));
        Assert.False(filter.IsDuplicate("{\"id\":1,\"type\":\"event\",\"event\":{"u8, "light.a"));
        Assert.Equal(0, filter.Count);
    }

    private static byte[] Event(string oldState, string newState) => Encoding.UTF8.GetBytes(
        $$$"""{"id":1,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"light.a","old_state":{{{oldState}}},"new_state":{{{newState}}}},"origin":"LOCAL","time_fired":"2026-12-06T10:00:00+00:00"}}""");

    /// <summary>Makes every entity known to the client, as a first restart seen live would: each written once.</summary>
    private static async Task PrimeAsync(HaSimulator simulator, ClientHost host)
    {
        await Eventually.AssertAsync(() => host.Status.Homes.Count > 0 && host.Home().IsConnected, Wait, "connected");
        simulator.ReannounceAll();
        await Eventually.AssertAsync(
            () => simulator.GetStates().All(s => host.Sink.ForEntity(s.EntityId).Count == 1),
            Wait,
            "every entity's first announcement is written");
        Assert.Equal(0, host.Home().RestartDuplicates);
    }

    private static void AssertOnlyTheChangeWritten(HaSimulator simulator, ClientHost host, string changedEntity)
    {
        foreach (var state in simulator.GetStates())
        {
            var written = host.Sink.ForEntity(state.EntityId);
            Assert.True(
                written.Count == (state.EntityId == changedEntity ? 2 : 1),
                $"{state.EntityId}: {written.Count} events written; only the change after the restart may add one");
        }
    }

    private static Task<HaSimulator> StartSimulatorAsync(TimeSpan startup) => HaSimulator.StartAsync(new SimulatorOptions
    {
        EventsPerSecond = 0,
        Token = "token-" + Guid.NewGuid().ToString("N"),
        StartupDuration = startup,
    });
}
