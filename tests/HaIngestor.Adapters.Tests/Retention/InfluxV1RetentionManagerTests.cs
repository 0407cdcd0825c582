using System.Globalization;
using System.Text;
using HaIngestor.Adapters.Retention;
using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.Retention;

public sealed class InfluxV1RetentionManagerTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private InfluxDbTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await InfluxDbTestDatabase.CreateAsync("retention");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_FreshDatabase_CreatesDefaultRawPolicySummaryPolicyAndContinuousQuery()
    {
        var report = await CreateSut().ApplyAsync(CancellationToken.None);

        Assert.Equal(3, report.Actions.Count);
        var policies = await ReadPoliciesAsync();
        Assert.Equal(("8760h0m0s", true), policies["raw_1y"]);
        Assert.Equal(("43800h0m0s", false), policies["daily_5y"]);
        var queries = await _database.QueryAsync("SHOW CONTINUOUS QUERIES");
        var ours = Assert.Single(queries.Where(s => s.Name == _database.Name).SelectMany(s => s.Rows()));
        Assert.Equal("ha_ingestor_daily", ours["name"].GetString());
        Assert.Contains("GROUP BY time(1d), *", ours["query"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_SecondRun_ChangesNothing()
    {
        await CreateSut().ApplyAsync(CancellationToken.None);

        var second = await CreateSut().ApplyAsync(CancellationToken.None);

        Assert.Empty(second.Actions);
    }

    [Fact]
    public async Task ApplyAsync_DurationChanged_AltersPolicyAndKeepsQuery()
    {
        await CreateSut().ApplyAsync(CancellationToken.None);

        var report = await CreateSut(new RetentionOptions { RawDuration = TimeSpan.FromDays(90) }).ApplyAsync(CancellationToken.None);

        Assert.Equal(["altered retention policy raw_1y (90 days)"], report.Actions);
        Assert.Equal(("2160h0m0s", true), (await ReadPoliciesAsync())["raw_1y"]);
    }

    [Fact]
    public async Task BackfillAsync_RawPointsOverTwoDays_WritesOneSummaryPerSeriesAndDay()
    {
        var sut = CreateSut();
        await sut.ApplyAsync(CancellationToken.None);
        var day1 = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-3), TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        var lines = new StringBuilder();
        foreach (var (time, value) in new[] { (day1.AddHours(1), 20.0), (day1.AddHours(5), 22.0), (day1.AddHours(9), 27.0), (day2.AddHours(2), 10.0) })
        {
            lines.Append(CultureInfo.InvariantCulture, $"home_assistant_events,domain=sensor,entity_id=sensor.t value={value},state=\"{value}\" {time.ToUnixTimeMilliseconds()}\n");
        }

        lines.Append(CultureInfo.InvariantCulture, $"home_assistant_events,domain=light,entity_id=light.k value=1,state=\"on\" {day1.AddHours(3).ToUnixTimeMilliseconds()}\n");
        var write = await _database.WriteAsync(lines.ToString());
        Assert.True(write.IsSuccess, write.Body);

        await sut.BackfillAsync(day1, day2.AddDays(1), CancellationToken.None);

        var series = await _database.QueryAsync("SELECT * FROM \"daily_5y\".\"home_assistant_events\" GROUP BY entity_id");
        var sensor = Assert.Single(series, s => s.Tags["entity_id"] == "sensor.t").Rows();
        Assert.Equal(2, sensor.Count);
        Assert.Equal(day1.ToUnixTimeMilliseconds(), sensor[0]["time"].GetInt64());
        Assert.Equal(23.0, sensor[0]["value_mean"].GetDouble());
        Assert.Equal(20.0, sensor[0]["value_min"].GetDouble());
        Assert.Equal(27.0, sensor[0]["value_max"].GetDouble());
        Assert.Equal(3, sensor[0]["value_count"].GetInt64());
        Assert.Equal(10.0, sensor[1]["value_mean"].GetDouble());
        var light = Assert.Single(series, s => s.Tags["entity_id"] == "light.k").Rows();
        Assert.Equal(1.0, Assert.Single(light)["value_mean"].GetDouble());
    }

    private InfluxV1RetentionManager CreateSut(RetentionOptions? options = null) =>
        new(Http, new InfluxV1Connection(_database.BaseUrl, _database.Name), options ?? new RetentionOptions());

    private async Task<Dictionary<string, (string Duration, bool IsDefault)>> ReadPoliciesAsync()
    {
        var series = await _database.QueryAsync($"SHOW RETENTION POLICIES ON \"{_database.Name}\"");
        return series.SelectMany(s => s.Rows()).ToDictionary(
            r => r["name"].GetString()!,
            r => (r["duration"].GetString()!, r["default"].GetBoolean()));
    }
}
