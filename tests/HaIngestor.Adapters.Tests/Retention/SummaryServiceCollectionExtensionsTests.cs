using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Retention;

namespace HaIngestor.Adapters.Tests.Retention;

public sealed class SummaryServiceCollectionExtensionsTests
{
    [Fact]
    public void TargetOptions_V2WithoutSummaryBucket_WritesToTheDailyBucketBesideTheRawOne()
    {
        var influx = new InfluxDbOptions { Url = "https://cloud", Token = "t", Org = "o", Bucket = "home_assistant", MaxLinesPerRequest = 500 };

        var target = SummaryServiceCollectionExtensions.TargetOptions(influx, new SummaryOptions());

        Assert.Equal("home_assistant_daily", target.Bucket);
        Assert.Equal(500, target.MaxLinesPerRequest);
        Assert.Equal("home_assistant", influx.Bucket);
    }

    [Fact]
    public void TargetOptions_V1_WritesToTheSummaryRetentionPolicyOfTheSameDatabase()
    {
        var influx = new InfluxDbOptions { Url = "http://ha:8086", ApiVersion = InfluxDbApiVersion.V1, Database = "home_assistant", RetentionPolicy = "raw_1y" };

        var target = SummaryServiceCollectionExtensions.TargetOptions(influx, new SummaryOptions { RetentionPolicy = "daily_5y" });

        Assert.Equal("home_assistant", target.Database);
        Assert.Equal("daily_5y", target.RetentionPolicy);
    }
}
