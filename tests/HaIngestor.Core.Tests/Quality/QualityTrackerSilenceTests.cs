using HaIngestor.Core.Quality;

namespace HaIngestor.Core.Tests.Quality;

public sealed class QualityTrackerSilenceTests
{
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);

    [Fact]
    public void Evaluate_SensorEvery30SecondsStops_SilentOnceAfterMinimumBound()
    {
        using var harness = new QualityHarness();
        Assert.Empty(harness.Repeat("sensor.temp", HalfMinute, 100));
        var lastSeen = harness.Time.GetUtcNow() - HalfMinute;

        var report = harness.Tracker.Entity("Main", "sensor.temp");
        Assert.NotNull(report);
        Assert.Equal(TimeSpan.FromSeconds(32), report.TypicalInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), report.SilentAfter);

        var changes = harness.KeepAlive(TimeSpan.FromMinutes(14));
        Assert.Empty(changes);
        changes = harness.KeepAlive(TimeSpan.FromHours(3));
        var silent = Assert.Single(changes);
        Assert.Equal(("sensor.temp", QualityStatus.Silent, QualityStatus.Ok), (silent.EntityId, silent.Status, silent.PreviousStatus));
        Assert.True(silent.Silent);
        Assert.Equal(lastSeen + TimeSpan.FromMinutes(15), silent.At);
        Assert.Equal("sensor", silent.Domain);
        Assert.Equal(QualityStatus.Silent, Assert.Single(harness.Tracker.Problems()).Status);
        Assert.Equal(1, harness.Tracker.StatusTotals().Silent);
    }

    [Fact]
    public void Evaluate_SilentSensorReportsAgain_RecoveryReportedOnce()
    {
        using var harness = new QualityHarness();
        harness.Repeat("sensor.temp", HalfMinute, 20);
        Assert.Single(harness.KeepAlive(TimeSpan.FromMinutes(20)));

        harness.Send("sensor.temp", "21");
        var recovered = Assert.Single(harness.After(TimeSpan.FromSeconds(1)));
        Assert.Equal((QualityStatus.Ok, QualityStatus.Silent), (recovered.Status, recovered.PreviousStatus));
        Assert.Empty(harness.KeepAlive(TimeSpan.FromMinutes(5)));
        Assert.Empty(harness.Tracker.Problems());
    }

    [Fact]
    public void Evaluate_DoorTwiceADay_LearnsHalfDayRhythmAndIsSilentOnlyAtMaximum()
    {
        using var harness = new QualityHarness();
        var step = TimeSpan.FromMinutes(10);
        var changes = new List<EntityQualityReport>();
        for (var day = 0; day < 6; day++)
        {
            // Opened at 08:00, closed at 18:00: intervals of 10 and 14 hours.
            changes.AddRange(harness.KeepAlive(TimeSpan.FromHours(8), step));
            harness.Send("binary_sensor.front_door", "on");
            changes.AddRange(harness.KeepAlive(TimeSpan.FromHours(10), step));
            harness.Send("binary_sensor.front_door", "off");
            changes.AddRange(harness.KeepAlive(TimeSpan.FromHours(6), step));
        }

        Assert.Empty(changes);
        var report = harness.Tracker.Entity("Main", "binary_sensor.front_door")!;
        Assert.Equal(TimeSpan.FromSeconds(65536), report.TypicalInterval);
        Assert.Equal(TimeSpan.FromHours(48), report.SilentAfter);

        Assert.Empty(harness.KeepAlive(TimeSpan.FromHours(41), step));
        var silent = Assert.Single(harness.KeepAlive(TimeSpan.FromHours(2), step));
        Assert.Equal("binary_sensor.front_door", silent.EntityId);
    }

    [Fact]
    public void Evaluate_BurstOf100ThenNothing_NotLearnedSoSilentOnlyAtMaximum()
    {
        using var harness = new QualityHarness();
        for (var i = 0; i < 100; i++)
        {
            harness.Send("sensor.import", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Null(harness.Tracker.Entity("Main", "sensor.import")!.TypicalInterval);
        Assert.Empty(harness.KeepAlive(TimeSpan.FromHours(47), TimeSpan.FromMinutes(10)));
        var silent = Assert.Single(harness.KeepAlive(TimeSpan.FromHours(2), TimeSpan.FromMinutes(10)));
        Assert.Equal(("sensor.import", QualityStatus.Silent), (silent.EntityId, silent.Status));
        Assert.Equal(TimeSpan.FromHours(48), silent.SilentAfter);
    }

    [Fact]
    public void Evaluate_BurstsInRhythm_TypicalIntervalIsTheRhythmNotTheBurst()
    {
        using var harness = new QualityHarness();
        for (var burst = 0; burst < 30; burst++)
        {
            // Ten changes a second apart (above the burst gap, so they count, but weigh 9 s against 591 s).
            for (var i = 0; i < 10; i++)
            {
                harness.Send("sensor.power", (burst + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                harness.Time.Advance(TimeSpan.FromSeconds(1));
            }

            harness.Time.Advance(TimeSpan.FromSeconds(590));
            Assert.Empty(harness.Tracker.Evaluate());
        }

        var report = harness.Tracker.Entity("Main", "sensor.power")!;
        Assert.Equal(TimeSpan.FromSeconds(1024), report.TypicalInterval);
        Assert.Equal(TimeSpan.FromSeconds(5 * 1024), report.SilentAfter);
    }

    [Fact]
    public void Evaluate_WholeHomeQuiet_NoEntityReportedSilent()
    {
        using var harness = new QualityHarness();
        for (var i = 0; i < 40; i++)
        {
            harness.Send("sensor.a", "1" + i);
            harness.Send("sensor.b", "2" + i);
            harness.Send("sensor.c", "3" + i);
            Assert.Empty(harness.After(HalfMinute));
        }

        // Home Assistant is down: the wall clock runs, the home's clock does not.
        for (var i = 0; i < 36; i++)
        {
            Assert.Empty(harness.After(TimeSpan.FromMinutes(5)));
        }

        // Back with only sensor.a reporting: the home's clock runs again and the other two become silent.
        var changes = harness.Repeat("sensor.a", HalfMinute, 40);
        Assert.Equal(["sensor.b", "sensor.c"], changes.Select(c => c.EntityId).Order().ToArray());
        Assert.All(changes, c => Assert.Equal(QualityStatus.Silent, c.Status));
    }

    [Fact]
    public void Evaluate_TwoHomes_EachMeasuredAgainstItsOwnClock()
    {
        using var harness = new QualityHarness();
        for (var i = 0; i < 20; i++)
        {
            harness.Send("sensor.temp", "1" + i, home: "Main");
            harness.Send("sensor.temp", "2" + i, home: "Cabin");
            harness.After(HalfMinute);
        }

        // The cabin loses its connection; the main home carries on.
        var changes = harness.KeepAlive(TimeSpan.FromHours(1), home: "Main");
        var silent = Assert.Single(changes);
        Assert.Equal(("Main", "sensor.temp"), (silent.Home, silent.EntityId));
        Assert.Equal(QualityStatus.Ok, harness.Tracker.Entity("Cabin", "sensor.temp")!.Status);
    }

    [Fact]
    public void Evaluate_UnavailableForAnHour_StuckNotSilent()
    {
        using var harness = new QualityHarness();
        harness.Repeat("sensor.temp", HalfMinute, 20);
        harness.Send("sensor.temp", "unavailable");
        var since = harness.Time.GetUtcNow();

        Assert.Empty(harness.KeepAlive(TimeSpan.FromMinutes(59)));
        var stuck = Assert.Single(harness.KeepAlive(TimeSpan.FromMinutes(2)));
        Assert.Equal((QualityStatus.StuckUnavailable, QualityStatus.Ok), (stuck.Status, stuck.PreviousStatus));
        Assert.True(stuck.StuckUnavailable);
        Assert.Equal(since + TimeSpan.FromHours(1), stuck.At);

        harness.Send("sensor.temp", "20.5");
        Assert.Equal(QualityStatus.Ok, Assert.Single(harness.After(TimeSpan.FromSeconds(1))).Status);
    }

    [Fact]
    public void Evaluate_AfterTimeToLive_EntityForgotten()
    {
        using var harness = new QualityHarness(new QualityOptions { StateTimeToLive = TimeSpan.FromHours(1) });
        harness.Send("sensor.gone", "1");
        harness.After(TimeSpan.FromHours(2));
        Assert.Null(harness.Tracker.Entity("Main", "sensor.gone"));
        Assert.Equal([("Main", "sensor.gone")], harness.Tracker.TakeForgotten());
        Assert.Empty(harness.Tracker.TakeForgotten());
    }

    [Fact]
    public void Revert_UnwrittenChange_ReportedAgain()
    {
        using var harness = new QualityHarness();
        harness.Repeat("sensor.temp", HalfMinute, 20);
        var first = harness.KeepAlive(TimeSpan.FromMinutes(20));
        harness.Tracker.Revert(first);
        var again = Assert.Single(harness.Tracker.Evaluate());
        Assert.Equal(first[0] with { LastSeenAge = again.LastSeenAge }, again);
    }
}
