using System.Globalization;
using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>Faults on the InfluxDB side, seen through the fault proxy: down, partial writes, throttling, lost answers.</summary>
public sealed partial class FaultScenarioTests
{
    [Fact]
    public async Task TransportDown_JournalLimitReached_OldestSegmentDroppedCountedAndLogged()
    {
        await using var rig = await FaultRig.StartAsync("journal-limit", Rate);
        await rig.StartConnectorAsync(s =>
        {
            s["Journal__MaxBytes"] = "65536";
            s["Journal__SegmentBytes"] = "16384";
        });
        await Task.Delay(TimeSpan.FromSeconds(1));

        rig.Proxy.Fault = InfluxFault.Down;
        await rig.WaitForAsync("the journal limit to drop a segment", m => Metric(m, "events_dropped_total") > 0);
        await Task.Delay(Load);
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("a full journal");
        var account = await rig.SettleAsync();
        var dropped = Metric(await rig.MetricsAsync(), "events_dropped_total");

        FaultReport.Write(
            "05", "Transport down past the journal limit (Journal:MaxBytes 64 KiB)", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{dropped:0} events dropped with the oldest segments, counted in events_dropped_total and logged (event 6500)"));
        Assert.Contains("Journal limit of 65536 bytes reached: dropped oldest segment", rig.Connector.Process.Output, StringComparison.Ordinal);
        // Exactly the counted drops are missing: the account takes them out of what would be lost, no more.
        Assert.Equal((long)dropped, account.Dropped);
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDbDown_ThroughAllRetries_JournaledAndDeliveredAfter()
    {
        await using var rig = await FaultRig.StartAsync("influx-down", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        rig.Proxy.Fault = InfluxFault.Down;
        await Task.Delay(Load * 2);
        var during = await rig.MetricsAsync();
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("InfluxDB down");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        FaultReport.Write(
            "06", string.Create(CultureInfo.InvariantCulture, $"InfluxDB down through all retries ({(Load * 2).TotalSeconds:0} s)"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{Metric(during, "events_spilled_total"):0} events journaled, replayed in order after"));
        Assert.True(Metric(during, "events_spilled_total") > 0, "Nothing was journaled while InfluxDB was down.");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDbPartialWrite_BadLinesDeadLettered_RestWritten()
    {
        await using var rig = await FaultRig.StartAsync("partial", Rate);
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

        FaultReport.Write(
            "07", "InfluxDB partial write (one entity's lines refused, 400)", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{rig.Proxy.FaultedWrites} writes partly refused; the refused lines dead-lettered, the rest written"));
        Assert.True(rig.Proxy.FaultedWrites > 0, "No write was partially refused.");
        Assert.True(account.DeadLettered > 0, account.ToString());
        AssertNothingLost(account);
    }

    [Fact]
    public async Task InfluxDb429_WithRetryAfter_EverythingWrittenAfter()
    {
        await using var rig = await FaultRig.StartAsync("throttled", Rate);
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        rig.Proxy.Fault = InfluxFault.TooManyRequests;
        await Task.Delay(Load);
        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("InfluxDB 429");
        var account = await rig.SettleAsync();

        FaultReport.Write(
            "08", string.Create(CultureInfo.InvariantCulture, $"InfluxDB 429 with Retry-After: 1 ({Load.TotalSeconds:0} s)"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{rig.Proxy.FaultedWrites} writes throttled"));
        Assert.True(rig.Proxy.FaultedWrites > 0, "No write was throttled.");
        Assert.Equal(0, account.DeadLettered);
        AssertNothingLost(account);
    }

    [Fact]
    public async Task DuplicateDelivery_AnswerLostAfterStoring_SameBatchTwiceIdenticalData()
    {
        await using var rig = await FaultRig.StartAsync("duplicate", Rate);
        rig.Proxy.RecordWrites = true;
        await rig.StartConnectorAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        rig.Proxy.Fault = InfluxFault.AckLost;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (rig.Proxy.FaultedWrites < 3)
        {
            Assert.True(waited.Elapsed < FaultRig.SettleTimeout, $"Fewer than 3 writes in {FaultRig.SettleTimeout.TotalSeconds:0} s. Connector:\n{rig.Connector.Process.Tail()}");
            await Task.Delay(20);
        }

        rig.Proxy.Fault = InfluxFault.None;
        var recovery = await rig.WaitRecoveredAsync("lost write answers");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();

        // Every line stored once without an answer was stored again, byte for byte (same measurement, tags, fields
        // and timestamp): the second write overwrote each point with itself.
        var lostAnswers = rig.Proxy.AckLostWrites;
        var forwarded = rig.Proxy.Forwarded;
        var lines = 0;
        foreach (var write in lostAnswers)
        {
            var index = forwarded.ToList().FindIndex(f => ReferenceEquals(f, write) || f.SequenceEqual(write));
            var later = forwarded.Skip(index + 1).SelectMany(f => f).ToHashSet(StringComparer.Ordinal);
            var missing = write.Where(line => !later.Contains(line)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {write.Length} lines were not written again identically, e.g. {missing.FirstOrDefault()}");
            lines += write.Length;
        }

        FaultReport.Write(
            "12", "Duplicate delivery (InfluxDB stored the batch, the answer was lost)", account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{lostAnswers.Count} batches ({lines} lines) written twice, identical the second time"));
        Assert.True(lostAnswers.Count >= 3, "No write lost its answer.");
        AssertNothingLost(account);
    }
}
