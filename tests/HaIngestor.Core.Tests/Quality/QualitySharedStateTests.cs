using HaIngestor.Core.Quality;

namespace HaIngestor.Core.Tests.Quality;

public sealed class QualitySharedStateTests
{
    [Fact]
    public void Merge_IntoFreshTracker_SilenceNotReportedAgainRecoveryOnce()
    {
        using var first = new QualityHarness();
        first.Repeat("sensor.temp", TimeSpan.FromSeconds(30), 20);
        Assert.Single(first.KeepAlive(TimeSpan.FromMinutes(20)));
        var shared = first.Tracker.TakeChanged();
        var statuses = first.Tracker.Statuses();

        // A restarted instance: same clock, nothing in memory but what was shared.
        using var second = new QualityTracker(new QualityOptions(), first.Time);
        second.Merge(shared with { Statuses = statuses });
        Assert.Empty(second.Evaluate());
        Assert.Equal(first.Tracker.Entity("Main", "sensor.temp"), second.Entity("Main", "sensor.temp"));
    }

    [Fact]
    public void TakeChanged_OnlyEntitiesChangedSinceLastTake()
    {
        using var harness = new QualityHarness();
        harness.Send("sensor.a", "1");
        harness.Send("sensor.b", "1");
        Assert.Equal(2, harness.Tracker.TakeChanged().Entities.Count);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        harness.Send("sensor.b", "2");
        var taken = harness.Tracker.TakeChanged();
        Assert.Equal("sensor.b", Assert.Single(taken.Entities).EntityId);
        Assert.Equal(harness.Time.GetUtcNow(), Assert.Single(taken.HomeClocks).Latest);
    }

    [Fact]
    public void Merge_OlderSharedState_LocalKept()
    {
        using var harness = new QualityHarness();
        harness.Send("sensor.a", "1");
        var old = harness.Tracker.TakeChanged();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        harness.Send("sensor.a", "2");
        var local = harness.Tracker.Entity("Main", "sensor.a");
        harness.Tracker.Merge(old);
        Assert.Equal(local, harness.Tracker.Entity("Main", "sensor.a"));
    }

    [Fact]
    public void Codec_RoundTripsAndRejectsGarbage()
    {
        using var harness = new QualityHarness();
        harness.Repeat("sensor.temp", TimeSpan.FromSeconds(30), 10, attributes: """{"device_class":"temperature","unit_of_measurement":"°C"}""");
        var state = Assert.Single(harness.Tracker.TakeChanged().Entities);
        Assert.Equal(EntityQualityCodec.Length, state.State.Length);
        var decoded = new EntityQuality("sensor.temp");
        Assert.True(EntityQualityCodec.TryDecode(state.State, decoded));
        Assert.Equal(state.State, EntityQualityCodec.Encode(decoded));
        Assert.False(EntityQualityCodec.TryDecode(state.State.AsSpan(1), decoded));
        var wrongVersion = (byte[])state.State.Clone();
        wrongVersion[0] = 99;
        Assert.False(EntityQualityCodec.TryDecode(wrongVersion, decoded));
    }

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(1, 1)]
    [InlineData(1.99, 1)]
    [InlineData(2, 2)]
    [InlineData(30, 5)]
    [InlineData(32, 6)]
    [InlineData(1e12, 25)]
    public void IntervalHistogram_BucketOf(double seconds, int bucket) => Assert.Equal(bucket, IntervalHistogram.BucketOf(seconds));
}
