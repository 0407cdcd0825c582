using System.Globalization;
using System.Text;
using HaIngestor.Adapters.Retention;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Functions.Tests.Functions;

public sealed class DailySummaryFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_EnabledTwoDays_SummarizesTheTwoCompleteDaysBeforeToday()
    {
        await using var database = await CreateDatabaseAsync();
        await using var host = CreateHost(database, enabled: true);

        await CreateSut(host).RunAsync(new TimerInfo(), new TestFunctionContext(host.Services, 0));

        var days = await SummaryDaysAsync(database);
        Assert.Equal(["2026-06-08", "2026-06-09"], days);
    }

    [Fact]
    public async Task RunAsync_Disabled_WritesNothing()
    {
        await using var database = await CreateDatabaseAsync();
        await using var host = CreateHost(database, enabled: false);

        await CreateSut(host).RunAsync(new TimerInfo(), new TestFunctionContext(host.Services, 0));

        Assert.Empty(await SummaryDaysAsync(database));
    }

    [Theory]
    [InlineData("Summary:Days", "0")]
    [InlineData("Summary:Schedule", "every day")]
    [InlineData("Summary:RetentionPolicy", "daily-5y")]
    public async Task AddHaIngestorFunctions_BadSummarySetting_FailsAtStartNamingTheSetting(string setting, string value)
    {
        var settings = FunctionsTestHost.Settings(TestServers.InfluxDbUrl.ToString(), "unused");
        settings[setting] = value;
        await using var host = FunctionsTestHost.Create(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Get<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        var validation = error as OptionsValidationException
            ?? Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(error).InnerExceptions[0]);
        Assert.Contains(setting, validation.Message, StringComparison.Ordinal);
    }

    private static DailySummaryFunction CreateSut(FunctionsTestHost host) => new(
        host.Get<IDailySummarizer>(),
        host.Get<IOptions<SummaryOptions>>(),
        new FakeTimeProvider(Now),
        NullLogger<DailySummaryFunction>.Instance);

    private static FunctionsTestHost CreateHost(InfluxDbTestDatabase database, bool enabled)
    {
        var settings = FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name);
        settings["Summary:Enabled"] = enabled ? "true" : "false";
        settings["Summary:Days"] = "2";
        return FunctionsTestHost.Create(settings);
    }

    /// <summary>A database with the summary policy and one raw point on each of the four days up to and including today.</summary>
    private static async Task<InfluxDbTestDatabase> CreateDatabaseAsync()
    {
        var database = await InfluxDbTestDatabase.CreateAsync("fn_summary");
        await database.QueryAsync($"CREATE RETENTION POLICY \"daily_5y\" ON \"{database.Name}\" DURATION INF REPLICATION 1");
        var lines = new StringBuilder();
        for (var day = -3; day <= 0; day++)
        {
            var time = Now.Date.AddDays(day).AddHours(day == 0 ? 0 : 12);
            lines.Append(CultureInfo.InvariantCulture, $"W,entity_id=sensor.power value={10 + day}.5 {new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds()}\n");
        }

        var write = await database.WriteAsync(lines.ToString());
        Assert.True(write.IsSuccess, write.Body);
        return database;
    }

    private static async Task<List<string>> SummaryDaysAsync(InfluxDbTestDatabase database)
    {
        var series = await database.QueryAsync("SELECT \"value_count\" FROM \"daily_5y\".\"W\"");
        return series.SelectMany(s => s.Rows())
            .Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r["time"].GetInt64()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToList();
    }
}
