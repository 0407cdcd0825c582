using System.Diagnostics;
using System.Globalization;
using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>Faults on the Home Assistant side: a restart, a revoked token, a stalled link, a burst into a slow sink.</summary>
public sealed partial class FaultScenarioTests
{
    [Fact]
    public async Task HomeAssistantRestart_EntitiesReannounced_EveryEventAccounted()
    {
        await using var rig = await FaultRig.StartAsync("restart", Rate);
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
    public async Task TokenRevoked_WhileConnected_RetriedAtItsDelayAndCaughtUpAfter()
    {
        await using var rig = await FaultRig.StartAsync("revoked", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        var revoked = Stopwatch.StartNew();
        await rig.Simulator.PostAsync("revoke");
        await rig.WaitForAsync("the revoked token to be rejected", m => Metric(m, "ha_auth_failures_total") >= 1);
        await Task.Delay(Load);
        var health = await rig.Connector.HealthAsync();
        var failures = Metric(await rig.MetricsAsync(), "ha_auth_failures_total");
        var rejectedFor = revoked.Elapsed;
        await rig.Simulator.PostAsync("accept");
        var recovery = await rig.WaitRecoveredAsync("a revoked token");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        FaultReport.Write(
            "02", "Home Assistant token revoked while connected", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{failures:0} rejected logins in {rejectedFor.TotalSeconds:0.0} s (one per AuthFailureRetryDelay, 1 s here); /health {health.Code} {health.Status}"));
        Assert.True(health.Code == 503 && health.Status == "unhealthy", $"/health while the token is rejected: {health}");
        // The documented backoff, not a timing figure: a tight loop would log in hundreds of times (an IP ban in HA).
        Assert.True(failures <= rejectedFor.TotalSeconds + 2, $"{failures} logins with a rejected token in {rejectedFor.TotalSeconds:0.0} s.");
        Assert.True(account.NeverSent > 0 && account.NeverSentCovered > 0, $"Nothing fired while the token was revoked was caught up: {account}");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task NetworkStall_NoPong_DeadLinkDetectedAndCaughtUpAfter()
    {
        await using var rig = await FaultRig.StartAsync("stall", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        var stall = Stopwatch.StartNew();
        await rig.Simulator.PostAsync("stall?ms=5000");
        var detected = await rig.WaitForAsync("the dead link to be detected", m => Metric(m, "ha_connected") == 0, since: stall);
        var recovery = await rig.WaitRecoveredAsync("a stalled link");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        FaultReport.Write(
            "03", "Network stall, no pong (5 s)", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"dead link detected after {detected.TotalSeconds:0.0} s (PingInterval + PongTimeout = 2 s here, 40 s by default; measured from the stall, polled)"));
        Assert.Contains("No pong from Home Assistant", rig.Connector.Process.Output, StringComparison.Ordinal);
        AssertNothingLost(account);
    }

    [Fact]
    public async Task SlowSink_Burst_NoCutOffAndMemoryBounded()
    {
        var burst = 5_000L * FaultRig.Scale;
        await using var rig = await FaultRig.StartAsync("burst", Rate);
        await rig.StartConnectorAsync(s =>
        {
            s["Connector__BufferCapacity"] = "1000";
            // The pong comes behind the burst on the same socket: the default timeout, not the rig's 1 s.
            s["HomeAssistant__PongTimeout"] = "00:00:10";
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await rig.MetricsAsync();

        rig.Proxy.SlowDelay = TimeSpan.FromMilliseconds(500);
        rig.Proxy.Fault = InfluxFault.Slow;
        var clock = Stopwatch.StartNew();
        await rig.Simulator.PostAsync(string.Create(CultureInfo.InvariantCulture, $"burst?count={burst}"));
        var burstTook = clock.Elapsed;
        var during = await rig.MetricsAsync();
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("a burst into a slow sink");
        var account = await rig.SettleAsync();
        var after = await rig.MetricsAsync();

        FaultReport.Write(
            "04", string.Create(CultureInfo.InvariantCulture, $"Slow sink (500 ms a write), burst of {burst:N0} events"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"burst read in {burstTook.TotalSeconds:0.0} s, {Metric(during, "events_spilled_total"):0} events journaled; reconnects {Metric(after, "ha_reconnects_total") - Metric(before, "ha_reconnects_total"):0}"));
        Assert.Equal(Metric(before, "ha_reconnects_total"), Metric(after, "ha_reconnects_total"));
        Assert.True(Metric(during, "events_spilled_total") > 0, "The burst never overflowed the 1,000-event buffer into the journal.");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task ConnectionDropped_MidBurst_UndeliveredCreditedAndNothingLost()
    {
        var burst = 5_000L * FaultRig.Scale;
        await using var rig = await FaultRig.StartAsync("burst-drop", Rate);
        await rig.StartConnectorAsync(s => s["HomeAssistant__PongTimeout"] = "00:00:10");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await rig.MetricsAsync();

        // The link is cut a third of the way in: what was on the wire then never arrives, what is fired until the
        // connector is back is never sent, and live events of entities changed meanwhile race the catch-up.
        var dropped = Stopwatch.StartNew();
        await rig.Simulator.PostAsync(string.Create(CultureInfo.InvariantCulture, $"burst?count={burst}&dropAt={burst / 3}"));
        var recovery = await rig.WaitRecoveredAsync("a connection dropped mid-burst", dropped);
        await Task.Delay(Load);
        var account = await rig.SettleAsync();
        var after = await rig.MetricsAsync();
        var reconnects = Metric(after, "ha_reconnects_total") - Metric(before, "ha_reconnects_total");
        var log = await rig.Simulator.LogAsync();

        FaultReport.Write(
            "04b", string.Create(CultureInfo.InvariantCulture, $"Connection dropped a third into a burst of {burst:N0} events"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"reconnects {reconnects:0}; {account.NotDelivered} sent on the cut connection after the last frame read, the entities' state written after by catch-up or a later live event"));
        Assert.True(reconnects >= 1, "The connector did not reconnect after the drop.");
        Assert.True(log.Connections.Count(c => c.EndedByServer) >= 1, "The simulator recorded no connection it ended.");
        AssertNothingLost(account);
    }
}
