using System.Globalization;
using System.Text;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Tests.InfluxDb;
using HaIngestor.Adapters.Retention;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Adapters.Tests.Retention;

public sealed class DailySummarizerTests : IAsyncLifetime
{
    // Recent days: the continuous-query comparison writes into the one-year raw policy.
    private static readonly DateOnly Day1 = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5);
    private InfluxDbTestDatabase _database = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _database = await InfluxDbTestDatabase.CreateAsync("summary");
        await _database.QueryAsync($"CREATE RETENTION POLICY \"daily_5y\" ON \"{_database.Name}\" DURATION INF REPLICATION 1");
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SummarizeAsync_ThreeDaysOfRawPoints_WritesExactMeanMinMaxCountPerSeriesAndDay()
    {
        var raw = RawPoints.Build(Day1, days: 3);
        Assert.True((await _database.WriteAsync(raw.LineProtocol)).IsSuccess);

        var report = await CreateSut().SummarizeAsync(Day1, Day1.AddDays(3), CancellationToken.None);

        var expected = raw.ExpectedSummaries();
        var actual = await ReadSummariesAsync(_database, "daily_5y");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, summary) in expected)
        {
            Assert.Equal(summary, actual[key]);
        }

        Assert.Equal(3, report.Days);
        Assert.Equal(2, report.Measurements);
        Assert.Equal(expected.Count, report.Points);
    }

    [Fact]
    public async Task SummarizeAsync_RunTwice_SamePointsNoneAdded()
    {
        var raw = RawPoints.Build(Day1, days: 3);
        Assert.True((await _database.WriteAsync(raw.LineProtocol)).IsSuccess);
        var sut = CreateSut();
        await sut.SummarizeAsync(Day1, Day1.AddDays(3), CancellationToken.None);
        var first = await ReadSummariesAsync(_database, "daily_5y");

        var second = await sut.SummarizeAsync(Day1, Day1.AddDays(3), CancellationToken.None);

        Assert.Equal(first, await ReadSummariesAsync(_database, "daily_5y"));
        Assert.Equal(first.Count, second.Points);
    }

    [Fact]
    public async Task SummarizeAsync_EmptyRangeOrDaysWithoutPoints_WritesNothing()
    {
        Assert.True((await _database.WriteAsync(RawPoints.Build(Day1, days: 1).LineProtocol)).IsSuccess);
        var sut = CreateSut();

        var empty = await sut.SummarizeAsync(Day1, Day1, CancellationToken.None);
        var noData = await sut.SummarizeAsync(Day1.AddDays(10), Day1.AddDays(12), CancellationToken.None);

        Assert.Equal(0, empty.Points);
        Assert.Equal(0, noData.Points);
        Assert.Empty(await ReadSummariesAsync(_database, "daily_5y"));
    }

    [Fact]
    public async Task SummarizeAsync_SameRangeAsTheContinuousQuery_SamePointsAndFieldTypes()
    {
        var retention = new InfluxV1RetentionManager(new HttpClient(), new InfluxV1Connection(_database.BaseUrl, _database.Name), new RetentionOptions { SummaryPolicy = "daily_cq" });
        await retention.ApplyAsync(CancellationToken.None);
        var raw = RawPoints.Build(Day1, days: 3);
        Assert.True((await _database.WriteAsync(raw.LineProtocol)).IsSuccess);

        await retention.BackfillAsync(new DateTimeOffset(Day1, TimeOnly.MinValue, TimeSpan.Zero), new DateTimeOffset(Day1.AddDays(3), TimeOnly.MinValue, TimeSpan.Zero), CancellationToken.None);
        await CreateSut().SummarizeAsync(Day1, Day1.AddDays(3), CancellationToken.None);

        Assert.Equal(await ReadSummariesAsync(_database, "daily_cq"), await ReadSummariesAsync(_database, "daily_5y"));
        Assert.Equal(await ReadFieldTypesAsync("daily_cq"), await ReadFieldTypesAsync("daily_5y"));
        Assert.Equal("integer", (await ReadFieldTypesAsync("daily_5y"))["value_count"]);
    }

    [Fact]
    public async Task SummarizeAsync_ManySeriesSmallChunksAndBatches_WritesEverySeries()
    {
        var lines = new StringBuilder();
        var time = new DateTimeOffset(Day1, new TimeOnly(12, 0), TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 250; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"power,entity_id=sensor.p{i} value={i}.5 {time}\n");
        }

        Assert.True((await _database.WriteAsync(lines.ToString())).IsSuccess);

        var report = await CreateSut(maxLinesPerRequest: 7, chunkSize: 100).SummarizeAsync(Day1, Day1.AddDays(1), CancellationToken.None);

        Assert.Equal(250, report.Points);
        Assert.Equal(250, (await ReadSummariesAsync(_database, "daily_5y")).Count);
    }

    [Fact]
    public async Task SummarizeAsync_ServerlessV2Api_QueriesWithTheTokenAndWritesTheSummaryBucket()
    {
        await using var summaryBucket = await InfluxDbTestDatabase.CreateAsync("summary_bucket");
        await using var cloud = new InfluxV2LoopbackServer(_database.BaseUrl, "secret-token", "home");
        var raw = RawPoints.Build(Day1, days: 2);
        Assert.True((await _database.WriteAsync(raw.LineProtocol)).IsSuccess);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfluxDbSink(o =>
        {
            o.Url = cloud.Url.ToString();
            o.Token = "secret-token";
            o.Org = "home";
            o.Bucket = _database.Name;
            o.MaxRetryAttempts = 0;
        });
        services.AddDailySummaries(o => o.Bucket = summaryBucket.Name);
        _services = services.BuildServiceProvider(validateScopes: true);

        var report = await _services.GetRequiredService<IDailySummarizer>().SummarizeAsync(Day1, Day1.AddDays(2), CancellationToken.None);

        Assert.Equal(raw.ExpectedSummaries(), await ReadSummariesAsync(summaryBucket, "autogen"));
        Assert.Equal(raw.ExpectedSummaries().Count, report.Points);
        Assert.NotEmpty(cloud.WriteBuckets);
        Assert.NotEmpty(cloud.Queries);
        Assert.All(cloud.WriteBuckets, b => Assert.Equal(summaryBucket.Name, b));
        Assert.All(cloud.Queries, q =>
        {
            Assert.Contains($"db={_database.Name}&", q, StringComparison.Ordinal);
            Assert.Contains("&epoch=ms&chunked=true&", q, StringComparison.Ordinal);
        });
    }

    private IDailySummarizer CreateSut(int maxLinesPerRequest = 10_000, int chunkSize = 10_000)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfluxDbSink(o =>
        {
            o.ApiVersion = InfluxDbApiVersion.V1;
            o.Url = _database.BaseUrl.ToString();
            o.Database = _database.Name;
            o.MaxLinesPerRequest = maxLinesPerRequest;
            o.MaxRetryAttempts = 1;
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        services.AddDailySummaries(o => o.ChunkSize = chunkSize);
        _services = services.BuildServiceProvider(validateScopes: true);
        return _services.GetRequiredService<IDailySummarizer>();
    }

    private async Task<Dictionary<string, string>> ReadFieldTypesAsync(string policy)
    {
        var series = await _database.QueryAsync($"SHOW FIELD KEYS FROM \"{policy}\"./.*/");
        return series.SelectMany(s => s.Rows()).GroupBy(r => r["fieldKey"].GetString()!).ToDictionary(g => g.Key, g => g.First()["fieldType"].GetString()!);
    }

    /// <summary>Every summary point of <paramref name="policy"/> keyed by measurement, non-empty tags and day.</summary>
    private static async Task<Dictionary<string, DaySummary>> ReadSummariesAsync(InfluxDbTestDatabase database, string policy)
    {
        var series = await database.QueryAsync($"SELECT * FROM \"{policy}\"./.*/ GROUP BY *");
        var summaries = new Dictionary<string, DaySummary>(StringComparer.Ordinal);
        foreach (var item in series)
        {
            foreach (var row in item.Rows())
            {
                var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(row["time"].GetInt64()).UtcDateTime);
                summaries.Add(
                    RawPoints.Key(item.Name, item.Tags.Where(t => t.Value.Length > 0), day),
                    new DaySummary(row["value_mean"].GetDouble(), row["value_min"].GetDouble(), row["value_max"].GetDouble(), row["value_count"].GetInt64()));
            }
        }

        return summaries;
    }
}
