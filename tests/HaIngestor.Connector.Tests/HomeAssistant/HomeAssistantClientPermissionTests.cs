using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>A token of a user who is not an admin: Home Assistant refuses event types outside its allowlist.</summary>
public sealed class HomeAssistantClientPermissionTests
{
    private const string ViewerToken = "viewer-token";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_NonAdminWithDefaultEventTypes_KeepsStateChangedAndReportsTheRestOnce()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Token"] = ViewerToken;
        await using var host = await ClientHost.StartAsync(settings);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected");

        simulator.CallService("light", "turn_on", new Dictionary<string, object?> { ["entity_id"] = "light.kitchen_ceiling" });
        await Eventually.AssertAsync(() => host.Sink.ForEntity("light.kitchen_ceiling").Count > 0, Wait, "state changes still arrive");

        var status = host.Home();
        Assert.Equal(["call_service", "automation_triggered"], status.RefusedEventTypes);
        Assert.Equal(["state_changed"], status.SubscribedEventTypes);
        Assert.Equal(0, host.Sink.CountOfType("call_service"));
        var warning = Assert.Single(host.Logs.Entries, e => e.EventId == 6016);
        Assert.Contains("call_service, automation_triggered", warning.Message, StringComparison.Ordinal);
        Assert.Contains("not an administrator", warning.Message, StringComparison.Ordinal);
        Assert.Contains("HomeAssistant:EventTypes", warning.Message, StringComparison.Ordinal);

        // Reconnecting changes nothing about the token's rights: said once, not again.
        simulator.DropConnections();
        await Eventually.AssertAsync(() => host.Home().Reconnects == 1 && host.Home().IsConnected, Wait, "reconnected");
        Assert.Equal(1, host.Logs.Count(6016));
    }

    [Fact]
    public async Task RunAsync_NonAdminWithAllEvents_SubscribesTheAllowlistAndStaysConnected()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Token"] = ViewerToken;
        settings["HomeAssistant:EventTypes:0"] = "*";
        await using var host = await ClientHost.StartAsync(settings);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected");

        simulator.SetState("switch.coffee_machine", "on");
        await Eventually.AssertAsync(() => host.Sink.ForEntity("switch.coffee_machine").Count > 0, Wait, "state changes arrive");

        var status = host.Home();
        Assert.Equal(["*"], status.RefusedEventTypes);
        Assert.Equal(EventSubscriptions.NonAdminEventTypes.Order(), status.SubscribedEventTypes.Order());
        Assert.Equal(1, simulator.Counters.Connections);
        Assert.Equal(0, status.Reconnects);
        Assert.Equal(1, host.Logs.Count(6016));
    }

    [Fact]
    public async Task RunAsync_NonAdminWithOnlyRefusedTypes_StaysConnectedWithoutLooping()
    {
        await using var simulator = await StartSimulatorAsync();
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Token"] = ViewerToken;
        settings["HomeAssistant:EventTypes:0"] = "call_service";
        settings["HomeAssistant:PingInterval"] = "00:00:00.050";
        await using var host = await ClientHost.StartAsync(settings);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected");

        // Pings keep flowing over the one connection; a reconnect loop would show as more connections.
        var sent = simulator.Counters.MessagesSent;
        await Eventually.AssertAsync(() => simulator.Counters.MessagesSent >= sent + 5, Wait, "five pongs later");

        Assert.Equal(1, simulator.Counters.Connections);
        Assert.Equal(["call_service"], host.Home().RefusedEventTypes);
        Assert.Empty(host.Home().SubscribedEventTypes);
        Assert.Contains("Nothing is received", Assert.Single(host.Logs.Entries, e => e.EventId == 6016).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NonAdminToken_SucceedsAndNamesTheRefusedTypes()
    {
        await using var simulator = await StartSimulatorAsync();

        var result = await HomeAssistantProbe.CheckAsync(
            new HomeAssistantInstanceOptions { Url = simulator.BaseUrl.ToString(), Token = ViewerToken }, CancellationToken.None);

        Assert.True(result.Success, result.Message);
        Assert.Equal(["call_service", "automation_triggered"], result.RefusedEventTypes);
        Assert.Contains("administrator", result.SubscriptionProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_AdminToken_ReportsNoSubscriptionProblem()
    {
        await using var simulator = await StartSimulatorAsync();

        var result = await HomeAssistantProbe.CheckAsync(
            new HomeAssistantInstanceOptions { Url = simulator.BaseUrl.ToString(), Token = simulator.Token }, CancellationToken.None);

        Assert.True(result.Success, result.Message);
        Assert.Empty(result.RefusedEventTypes);
        Assert.Null(result.SubscriptionProblem);
    }

    private static Task<HaSimulator> StartSimulatorAsync()
    {
        var options = new SimulatorOptions { EventsPerSecond = 0, Token = "token-" + Guid.NewGuid().ToString("N") };
        options.Users.Add(new SimulatorUser { Name = "viewer", Token = ViewerToken, IsAdmin = false });
        return HaSimulator.StartAsync(options);
    }
}
