using HaIngestor.Adapters.Retention;

namespace HaIngestor.Adapters.Tests.Retention;

public sealed class InfluxQlRetentionPlanTests
{
    [Fact]
    public void CreateContinuousQuery_DefaultOptions_ResamplesTwoDaysIntoSummaryPolicy()
    {
        var sut = new InfluxQlRetentionPlan("home", new RetentionOptions());

        var query = sut.CreateContinuousQuery();

        Assert.Equal(
            "CREATE CONTINUOUS QUERY \"ha_ingestor_daily\" ON \"home\" RESAMPLE EVERY 1d FOR 2d BEGIN "
            + "SELECT mean(\"value\") AS \"value_mean\", min(\"value\") AS \"value_min\", max(\"value\") AS \"value_max\", count(\"value\") AS \"value_count\" "
            + "INTO \"home\".\"daily_5y\".:MEASUREMENT FROM \"home\".\"raw_1y\"./.*/ GROUP BY time(1d), * END",
            query);
    }

    [Fact]
    public void CreateRawPolicy_DatabaseNameWithQuote_IsEscapedNotInjected()
    {
        var sut = new InfluxQlRetentionPlan("a\"; DROP DATABASE x", new RetentionOptions());

        Assert.Equal(
            "CREATE RETENTION POLICY \"raw_1y\" ON \"a\\\"; DROP DATABASE x\" DURATION 8760h REPLICATION 1 DEFAULT",
            sut.CreateRawPolicy());
    }

    [Fact]
    public void Backfill_PartialDays_CoversWholeDaysOnly()
    {
        var sut = new InfluxQlRetentionPlan("home", new RetentionOptions());

        var query = sut.Backfill(new DateTimeOffset(2026, 1, 2, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));

        Assert.Contains("WHERE time >= '2026-01-02T00:00:00Z' AND time < '2026-01-05T00:00:00Z' GROUP BY", query, StringComparison.Ordinal);
    }
}
