using System.Diagnostics;
using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>
/// Each scenario breaks the running system in one way under load (the simulator at 80 events/s) and ends with the
/// exact account of every event sent (see <see cref="EventAccount"/>). Durations are recorded, never asserted.
/// </summary>
public sealed class FaultScenarioTests
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task HomeAssistantRestart_EntitiesReannounced_EveryEventAccounted()
    {
        await using var rig = await FaultRig.StartAsync("restart");
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        var restart = Stopwatch.StartNew();
        await rig.Simulator.PostAsync("restart?reannounce=true");
        var recovery = await rig.WaitRecoveredAsync("a Home Assistant restart", restart);
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        FaultReport.Write("01", "Home Assistant restart (entities re-announced)", account, recovery, rig.PeakRssMiB());
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDbDown_ThroughAllRetries_JournaledAndDeliveredAfter()
    {
        await using var rig = await FaultRig.StartAsync("influx-down");
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        rig.Proxy.Fault = InfluxFault.Down;
        await Task.Delay(TimeSpan.FromSeconds(6));
        var during = await rig.MetricsAsync();
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("InfluxDB down");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        FaultReport.Write("06", "InfluxDB down through all retries (6 s)", account, recovery, rig.PeakRssMiB());
        Assert.True(during.GetValueOrDefault("haingestor_connector_events_spilled_total") > 0, "Nothing was journaled while InfluxDB was down.");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDbPartialWrite_BadLinesDeadLettered_RestWritten()
    {
        await using var rig = await FaultRig.StartAsync("partial");
        await rig.StartConnectorAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var events = await rig.Simulator.EventsAsync();
        // The busiest entity so far: it keeps firing, so its lines are refused in most batches.
        rig.Proxy.RejectedEntity = events.OrderByDescending(e => e.Value.Sent.Count).First().Key;

        rig.Proxy.Fault = InfluxFault.PartialWrite;
        await Task.Delay(Load);
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("a partial write");
        var account = await rig.SettleAsync();

        FaultReport.Write("07", "InfluxDB partial write (one entity's lines refused, 400)", account, recovery, rig.PeakRssMiB());
        Assert.True(rig.Proxy.FaultedWrites > 0, "No write was partially refused.");
        Assert.True(account.DeadLettered > 0, account.ToString());
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDb429_WithRetryAfter_EverythingWrittenAfter()
    {
        await using var rig = await FaultRig.StartAsync("throttled");
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        rig.Proxy.Fault = InfluxFault.TooManyRequests;
        await Task.Delay(Load);
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("InfluxDB 429");
        var account = await rig.SettleAsync();

        FaultReport.Write("08", "InfluxDB 429 with Retry-After: 1 (3 s)", account, recovery, rig.PeakRssMiB());
        Assert.True(rig.Proxy.FaultedWrites > 0, "No write was throttled.");
        Assert.Equal(0, account.DeadLettered);
        AssertNothingLost(account);
    }

    private static void AssertNothingLost(EventAccount account)
    {
        Assert.True(account.Sent > 100, $"Too little load to account for: {account}");
        Assert.True(account.Balances, account.ToString());
        Assert.True(account.Lost == 0, account.ToString());
        Assert.True(account.Phantom == 0, $"Points for events the simulator never fired: {account}");
    }
}
