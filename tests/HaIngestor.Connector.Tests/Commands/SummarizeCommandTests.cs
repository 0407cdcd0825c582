using System.Globalization;
using HaIngestor.Connector.Commands;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Commands;

public sealed class SummarizeCommandTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("2026-11-01", null, null, "2026-11-01", "2026-11-28")]
    [InlineData("2026-11-01", "2026-11-03", null, "2026-11-01", "2026-11-03")]
    [InlineData(null, null, 2, "2026-11-26", "2026-11-28")]
    [InlineData(null, "2026-11-10", 3, "2026-11-07", "2026-11-10")]
    public void TryRange_ValidOptions_NamesTheDays(string? from, string? to, int? days, string expectedFrom, string expectedTo)
    {
        Assert.True(SummarizeCommand.TryRange(from, to, days, Today, out var range, out var problem), problem);

        Assert.Equal(DateOnly.Parse(expectedFrom, CultureInfo.InvariantCulture), range.From);
        Assert.Equal(DateOnly.Parse(expectedTo, CultureInfo.InvariantCulture), range.To);
    }

    [Theory]
    [InlineData(null, null, null, "--from yyyy-MM-dd or --days N")]
    [InlineData("2026-11-01", null, 2, "either --from or --days")]
    [InlineData("01/11/2026", null, null, "--from '01/11/2026'")]
    [InlineData(null, "tomorrow", 2, "--to 'tomorrow'")]
    [InlineData(null, null, 0, "--days must be 1 or more")]
    [InlineData("2026-11-05", "2026-11-05", null, "must come before")]
    [InlineData(null, "2026-11-29", 1, "after today")]
    public void TryRange_BadOptions_SaysWhich(string? from, string? to, int? days, string expected)
    {
        Assert.False(SummarizeCommand.TryRange(from, to, days, Today, out _, out var problem));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RawPointsOfTwoDays_WritesTheirDailySummaries()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("summarize");
        await database.QueryAsync($"CREATE RETENTION POLICY \"daily_5y\" ON \"{database.Name}\" DURATION INF REPLICATION 1");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        const long hour = 3_600_000;
        var lines = string.Join('\n',
            $"home_assistant_events,entity_id=t value=20 {start + hour}",
            $"home_assistant_events,entity_id=t value=22 {start + (2 * hour)}",
            $"home_assistant_events,entity_id=t value=30 {start + (25 * hour)}");
        Assert.True((await database.WriteAsync(lines)).IsSuccess);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SummarizeCommand.RunAsync(day, day.AddDays(2), Settings(database), output, error, CancellationToken.None);

        Assert.True(exit == ExitCodes.Ok, error.ToString());
        Assert.Contains("Summarized 2 days", output.ToString(), StringComparison.Ordinal);
        var series = Assert.Single(await database.QueryAsync(
            $"SELECT value_mean, value_min, value_max, value_count FROM \"{database.Name}\".\"daily_5y\".\"home_assistant_events\" WHERE entity_id = 't'"));
        Assert.Equal(2, series.Values.Count);
        Assert.Equal([21.0, 20.0, 22.0, 2.0], series.Values[0].Skip(1).Select(v => v.GetDouble()));
        Assert.Equal([30.0, 30.0, 30.0, 1.0], series.Values[1].Skip(1).Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task RunAsync_NoInfluxDbUrl_ExitsWith2NamingTheSetting()
    {
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["InfluxDb:ApiVersion"] = "V1", ["InfluxDb:Url"] = "not a url", ["InfluxDb:Database"] = "d" };

        var exit = await SummarizeCommand.RunAsync(Today.AddDays(-2), Today, settings, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("InfluxDb:Url", error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(InfluxDbTestDatabase database) => new()
    {
        ["InfluxDb:ApiVersion"] = "V1",
        ["InfluxDb:Url"] = database.BaseUrl.ToString(),
        ["InfluxDb:Database"] = database.Name,
    };
}
