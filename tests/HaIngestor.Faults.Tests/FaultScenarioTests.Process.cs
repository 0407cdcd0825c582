using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Globalization;
using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>Faults of the connector's own process and disk: stopped and killed mid-batch, the journal's volume full.</summary>
public sealed partial class FaultScenarioTests
{
    [Fact]
    public async Task Sigterm_MidBatch_DrainedAndNothingLost()
    {
        await using var rig = await FaultRig.StartAsync("sigterm", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        // Each write takes a second: the signal comes with a batch in flight and more buffered behind it.
        rig.Proxy.Fault = InfluxFault.Slow;
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        var stopped = Stopwatch.StartNew();
        await rig.Connector.Process.SignalAsync("TERM");
        await rig.Connector.Process.WaitForExitAsync(TimeSpan.FromSeconds(60), "The connector after SIGTERM");
        var exitCode = rig.Connector.Process.ExitCode;
        var stopTook = stopped.Elapsed;
        rig.Proxy.Fault = InfluxFault.None;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await rig.StartConnectorAsync();
        var recovery = await rig.WaitRecoveredAsync("a SIGTERM", stopped);
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        // The stopped process finished its drain and its own count closes: every event it received was delivered or
        // is in the journal (it started with an empty one). The account alone cannot see a tail the process read
        // and then lost: that looks like frames it never read.
        var stoppedLog = rig.Connectors[0].Process.Output;
        var drained = DrainedLine().Match(stoppedLog);
        var received = drained.Success ? long.Parse(drained.Groups["received"].Value, CultureInfo.InvariantCulture) : -1;
        var delivered = drained.Success ? long.Parse(drained.Groups["delivered"].Value, CultureInfo.InvariantCulture) : -1;
        var journaled = drained.Success ? long.Parse(drained.Groups["journaled"].Value, CultureInfo.InvariantCulture) : -1;
        FaultReport.Write(
            "11a", "SIGTERM mid-batch (slow sink), restarted 2 s later", account, recovery, rig.PeakRssMiB(),
            drained.Success
                ? string.Create(CultureInfo.InvariantCulture, $"exit {exitCode} after {stopTook.TotalSeconds:0.0} s, {journaled} events left in the journal for the next start; fired while stopped: caught up as latest state")
                : string.Create(CultureInfo.InvariantCulture, $"exit {exitCode} after {stopTook.TotalSeconds:0.0} s without finishing the drain"));
        Assert.Equal(0, exitCode);
        Assert.True(drained.Success, "The connector stopped without finishing its drain:\n" + stoppedLog);
        Assert.DoesNotContain("consumer failed", stoppedLog, StringComparison.Ordinal);
        Assert.True(received == delivered + journaled, $"The stopped connector received {received} events but delivered {delivered} and journaled {journaled}: {drained.Value}");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task Sigkill_MidBatch_LossBoundedByWhatWasInMemory()
    {
        await using var rig = await FaultRig.StartAsync("sigkill", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        // InfluxDB down: the batch in flight is being retried in memory, the rest is going to the journal.
        rig.Proxy.Fault = InfluxFault.Down;
        await rig.WaitForAsync("events journaled", m => Metric(m, "events_spilled_total") > 0);
        var sentBefore = Sent(await rig.Simulator.EventsAsync());
        var m = await rig.MetricsAsync();
        var inMemory = Metric(m, "events_received_total") - (Metric(m, "events_published_total") - Metric(m, "events_replayed_total")) - Metric(m, "events_spilled_total");
        var killed = Stopwatch.StartNew();
        await rig.KillConnectorAsync();
        await rig.Connector.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), "The connector after SIGKILL");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var sentUntilKill = Sent(await rig.Simulator.EventsAsync()) - sentBefore;
        rig.Proxy.Fault = InfluxFault.None;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await rig.StartConnectorAsync();
        var recovery = await rig.WaitRecoveredAsync("a SIGKILL", killed);
        var replayed = Metric(await rig.MetricsAsync(), "events_replayed_total");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        var bound = inMemory + sentUntilKill;
        FaultReport.Write(
            "11b", "SIGKILL mid-batch (InfluxDB down, journal filling), restarted", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{replayed:0} journaled events replayed by the new process; lost {account.Lost} <= {bound:0} in memory at the kill (buffer + batch in flight)"));
        Assert.True(replayed > 0, "The new process replayed nothing of what the killed one journaled.");
        Assert.True(account.Balances, account.ToString());
        Assert.True(account.Lost <= bound, $"Lost more than was in memory at the kill ({bound:0}): {account}");
        Assert.True(account.Phantom == 0, account.ToString());
    }

    [Fact]
    public async Task DiskFull_JournalVolume_DropsCountedAndJournalingResumes()
    {
        await using var rig = await FaultRig.StartAsync("disk-full", Rate);
        var volume = await rig.MountSmallVolumeAsync(256 * 1024);
        await rig.StartConnectorAsync(s =>
        {
            s["Journal__Path"] = Path.Combine(volume, "journal");
            s["Journal__SegmentBytes"] = "65536";
        });
        await Task.Delay(TimeSpan.FromSeconds(1));

        rig.Proxy.Fault = InfluxFault.Down;
        await rig.WaitForAsync("the journal's volume to fill", m => Metric(m, "events_dropped_total") > 0);
        await Task.Delay(Load);
        var during = await rig.MetricsAsync();
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("a full disk");

        // Space is free again: the journal takes events again.
        rig.Proxy.Fault = InfluxFault.Down;
        var spilledBefore = Metric(await rig.MetricsAsync(), "events_spilled_total");
        await rig.WaitForAsync("journaling again after the disk had space", m => Metric(m, "events_spilled_total") > spilledBefore);
        rig.Proxy.Fault = InfluxFault.None;
        await rig.WaitRecoveredAsync("the second outage");
        var account = await rig.SettleAsync();
        var dropped = Metric(await rig.MetricsAsync(), "events_dropped_total");

        FaultReport.Write(
            "13", "Journal volume full (256 KiB tmpfs) with InfluxDB down", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{dropped:0} events that could not be journaled dropped, counted and logged; connected throughout: {Metric(during, "ha_connected") >= 1}"));
        Assert.Contains("could not be journaled", rig.Connector.Process.Output, StringComparison.Ordinal);
        Assert.True(Metric(during, "ha_connected") >= 1, "The connector lost Home Assistant over a full disk.");
        Assert.Equal((long)dropped, account.Dropped);
        AssertNothingLost(account);
    }

    private static long Sent(Dictionary<string, (HashSet<long> Fired, List<long> Sent)> events) => events.Values.Sum(e => e.Sent.Count);

    [GeneratedRegex(@"Event buffer drained: (?<received>\d+) events received, (?<delivered>\d+) delivered, (?<journaled>\d+) waiting in the journal")]
    private static partial Regex DrainedLine();
}
