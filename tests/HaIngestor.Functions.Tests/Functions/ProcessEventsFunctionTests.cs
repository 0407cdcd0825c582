using HaIngestor.Adapters.Health;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;

namespace HaIngestor.Functions.Tests.Functions;

public sealed class ProcessEventsFunctionTests
{
    [Fact]
    public async Task RunAsync_Batch_WrittenAndReadBackWithoutTheHeartbeat()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_batch");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        var events = EventBodies.Sensors(5).Append(EventBodies.Heartbeat(DateTimeOffset.UtcNow)).ToArray();

        await host.Get<ProcessEventsFunction>().RunAsync(events, new TestFunctionContext(host.Services, retryCount: 0));

        var rows = (await database.QueryAsync("SELECT value, entity_id FROM home_assistant_events")).Single().Rows();
        Assert.Equal(5, rows.Count);
        Assert.Contains(rows, r => r["entity_id"].GetString() == "sensor.s3" && r["value"].GetDouble() == 23.5);
        Assert.DoesNotContain(rows, r => r["entity_id"].GetString()!.Contains("heartbeat", StringComparison.Ordinal));
        Assert.Empty(await ReadLettersAsync(host));
    }

    [Fact]
    public async Task RunAsync_SameBatchTwice_LeavesIdenticalData()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_replay");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        var function = host.Get<ProcessEventsFunction>();
        var events = EventBodies.Sensors(20);

        await function.RunAsync(events, new TestFunctionContext(host.Services, retryCount: 0));
        var first = await ReadAllAsync(database);
        await function.RunAsync(events, new TestFunctionContext(host.Services, retryCount: 1));
        var second = await ReadAllAsync(database);

        Assert.Equal(20, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RunAsync_InfluxDbDownBeforeFinalAttempt_ThrowsSoTheRetryPolicyRunsAgain()
    {
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "down"));

        await Assert.ThrowsAsync<SinkUnavailableException>(() =>
            host.Get<ProcessEventsFunction>().RunAsync(EventBodies.Sensors(3), new TestFunctionContext(host.Services, retryCount: 2)));

        Assert.Empty(await ReadLettersAsync(host));
    }

    [Fact]
    public async Task RunAsync_InfluxDbDownOnFinalAttempt_DeadLettersEveryEventAndReturns()
    {
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "down"));
        var events = EventBodies.Sensors(4);

        await host.Get<ProcessEventsFunction>().RunAsync(events, new TestFunctionContext(host.Services, retryCount: 5, maxRetryCount: 5));

        var letters = await ReadLettersAsync(host);
        Assert.Equal(4, letters.Count);
        Assert.All(letters, l => Assert.Equal(DeadLetterReasons.SinkUnavailable, l.Reason));
        Assert.All(letters, l => Assert.Equal("functions", l.Source));
        Assert.Equal(events.Order(StringComparer.Ordinal), letters.Select(l => l.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_InfluxDbDownOnFinalAttempt_DeadLettersThatAReplayLaterWrites()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_replay_dl");
        var down = FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "down");
        await using (var outage = FunctionsTestHost.Create(down))
        {
            await outage.Get<ProcessEventsFunction>().RunAsync(EventBodies.Sensors(6), new TestFunctionContext(outage.Services, retryCount: 5));
        }

        var up = FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name);
        up["DeadLetters:Container"] = down["DeadLetters:Container"];
        await using var recovered = FunctionsTestHost.Create(up);
        var result = await recovered.Get<DeadLetterReplayer>().ReplayAsync("replay", CancellationToken.None);

        Assert.Equal(6, result.WrittenEvents);
        Assert.Equal(6, (await database.QueryAsync("SELECT value FROM home_assistant_events")).Single().Rows().Count);
    }

    [Fact]
    public async Task RunAsync_InvalidEvent_DeadLetteredWithReasonWhileTheRestIsWritten()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_invalid");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        var events = EventBodies.Sensors(3).Append("{\"id\":3,\"type\":\"event\",\"event\":{").ToArray();

        await host.Get<ProcessEventsFunction>().RunAsync(events, new TestFunctionContext(host.Services, retryCount: 0));

        Assert.Equal(3, (await database.QueryAsync("SELECT value FROM home_assistant_events")).Single().Rows().Count);
        var letter = Assert.Single(await ReadLettersAsync(host));
        Assert.Equal("{\"id\":3,\"type\":\"event\",\"event\":{", letter.Message);
        Assert.False(string.IsNullOrEmpty(letter.Reason));
    }

    [Fact]
    public async Task RunAsync_Heartbeat_RecordedForTheHealthCheck()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_heartbeat");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        var sentAt = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

        await host.Get<ProcessEventsFunction>().RunAsync([EventBodies.Heartbeat(sentAt)], new TestFunctionContext(host.Services, retryCount: 0));

        Assert.Equal(sentAt, await host.Get<HeartbeatStore>().GetLastAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_WeatherEntityInTheBatch_EnrichesThePointsWithIt()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_weather");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        // Recent enough for the provider's MaxStaleAge (2 h), whatever the sensors' own times.
        var weather = EventBodies.StateChanged(
            "weather.home", "rainy", (int)(DateTimeOffset.UtcNow - EventBodies.BaseTime).TotalSeconds - 60,
            """{"temperature":12.5,"temperature_unit":"°C","humidity":81,"pressure":1002,"pressure_unit":"hPa","wind_speed":3,"wind_speed_unit":"m/s"}""");
        var events = EventBodies.Sensors(3).Prepend(weather).ToArray();

        await host.Get<ProcessEventsFunction>().RunAsync(events, new TestFunctionContext(host.Services, retryCount: 0));

        var rows = (await database.QueryAsync("SELECT * FROM home_assistant_events WHERE entity_id = 'sensor.s1'")).Single().Rows();
        var row = Assert.Single(rows);
        Assert.Equal("rainy", row["weather_condition"].GetString());
        Assert.Equal(12.5, row["temperature"].GetDouble());
        Assert.Equal(81, row["humidity"].GetDouble());
    }

    private static async Task<List<DeadLetter>> ReadLettersAsync(FunctionsTestHost host)
    {
        var letters = new List<DeadLetter>();
        await foreach (var letter in host.Get<IDeadLetterStore>().ReadAllAsync(CancellationToken.None))
        {
            letters.Add(letter);
        }

        return letters;
    }

    private static async Task<List<string>> ReadAllAsync(InfluxDbTestDatabase database)
    {
        var series = await database.QueryAsync("SELECT * FROM home_assistant_events");
        return series.SelectMany(s => s.Values.Select(row => string.Join('|', row.Select(cell => cell.GetRawText())))).Order(StringComparer.Ordinal).ToList();
    }
}
