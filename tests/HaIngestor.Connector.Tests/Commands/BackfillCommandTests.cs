using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Commands;

/// <summary>
/// <c>backfill</c> against the simulator's recorded history of a home of 200 entities over 3 days (10-minute samples,
/// about 86,000 states), written through the direct pipeline into the real InfluxDB 1.x and read back.
/// </summary>
public sealed class BackfillCommandTests : IDisposable
{
    private const int Entities = 200;
    private static readonly DateTimeOffset HistoryEnd = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("hai-backfill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_ThreeDaysOf200Entities_WritesEveryRecordedStateAndHourlyStatisticCountForCount()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var database = await InfluxDbTestDatabase.CreateAsync("backfill");
        var (start, end) = simulator.HistoryRange;
        var view = new RecordingBackfillView();

        var exitCode = await BackfillCommand.RunAsync(new BackfillSettings(start, end, 0, Statistics: true, null), Settings(simulator, database), view, new StringWriter(), CancellationToken.None);

        Assert.True(exitCode == ExitCodes.Ok, string.Join("\n", view.Summary));
        var expected = simulator.EntityIds.ToDictionary(id => id, id => simulator.GetRecordedStates(id, start, end).Count, StringComparer.Ordinal);
        Assert.Equal(Entities, expected.Count);
        Assert.InRange(expected.Values.Sum(), 50_000, 150_000);
        Assert.Equal(expected.Values.Sum(), view.Last!.Events);
        Assert.Equal(expected, await CountStatesAsync(database));

        var statistics = simulator.EntityIds.ToDictionary(id => id, id => simulator.CountRecordedStatistics(id, start, end), StringComparer.Ordinal);
        Assert.True(statistics.Values.Sum() > 0, "the simulated home has sensors with a state_class");
        Assert.Equal(statistics.Values.Sum(), view.Last.StatisticPoints);
        Assert.Equal(statistics.Where(p => p.Value > 0).ToDictionary(), await CountAsync(database, "SELECT count(*) FROM \"home_assistant_statistics\" GROUP BY \"entity_id\""));
    }

    [Fact]
    public async Task RunAsync_StoppedMidwayThenRunAgain_WritesTheRestOnceAndAThirdRunReadsNothing()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var database = await InfluxDbTestDatabase.CreateAsync("backfill_resume");
        var (start, end) = simulator.HistoryRange;
        var settings = new BackfillSettings(start, end, 0, Statistics: false, null);
        var total = simulator.EntityIds.Sum(id => simulator.GetRecordedStates(id, start, end).Count);

        // Paced, so the run is still going when the view stops it after a third of its 30 requests.
        using var stop = new CancellationTokenSource();
        var first = new RecordingBackfillView(stop, stopAfterRequests: 10);
        var firstExit = await BackfillCommand.RunAsync(settings, Settings(simulator, database, pause: "00:00:00.050"), first, new StringWriter(), stop.Token);
        Assert.Equal(ExitCodes.Failed, firstExit);
        Assert.Contains("interrupted", first.Summary[0], StringComparison.Ordinal);
        Assert.InRange(first.Last!.Events, 1, total - 1);

        var second = new RecordingBackfillView();
        Assert.Equal(ExitCodes.Ok, await BackfillCommand.RunAsync(settings, Settings(simulator, database), second, new StringWriter(), CancellationToken.None));

        // Only what the first run had not checkpointed is read again: at most the requests it had in flight.
        Assert.InRange(second.Last!.Events, total - first.Last.Events, total - 1);
        Assert.True(second.Last.AlreadyDone >= 10, $"{second.Last.AlreadyDone} entity ranges were known done");
        var expected = simulator.EntityIds.ToDictionary(id => id, id => simulator.GetRecordedStates(id, start, end).Count, StringComparer.Ordinal);
        Assert.Equal(expected, await CountStatesAsync(database));

        var third = new RecordingBackfillView();
        Assert.Equal(ExitCodes.Ok, await BackfillCommand.RunAsync(settings, Settings(simulator, database), third, new StringWriter(), CancellationToken.None));
        Assert.Equal(0, third.Last!.TotalRequests);
        Assert.Equal(0, third.Last.Events);
    }

    private static async Task<HaSimulator> StartSimulatorAsync()
    {
        int furnished;
        await using (var probe = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, HistoryDays = 0 }))
        {
            furnished = probe.EntityIds.Count;
        }

        return await HaSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            ExtraEntities = Entities - furnished,
            HistoryDays = 3,
            HistoryInterval = TimeSpan.FromMinutes(10),
            HistoryEnd = HistoryEnd,
        });
    }

    private Dictionary<string, string?> Settings(HaSimulator simulator, InfluxDbTestDatabase database, string pause = "00:00:00") => new()
    {
        ["HomeAssistant:Url"] = simulator.BaseUrl.ToString(),
        ["HomeAssistant:Token"] = simulator.Token,
        ["Connector:Transport"] = "Direct",
        ["Direct:Sink"] = "InfluxDb",
        ["Direct:DataPath"] = _folder.Path,
        ["InfluxDb:ApiVersion"] = "V1",
        ["InfluxDb:Url"] = database.BaseUrl.ToString(),
        ["InfluxDb:Database"] = database.Name,
        ["Backfill:EntitiesPerRequest"] = "20",
        ["Backfill:RequestSpan"] = "1.00:00:00",
        ["Backfill:PauseBetweenRequests"] = pause,
    };

    private static Task<Dictionary<string, int>> CountStatesAsync(InfluxDbTestDatabase database) =>
        CountAsync(database, "SELECT count(\"state\") FROM \"home_assistant_events\" GROUP BY \"entity_id\"");

    private static async Task<Dictionary<string, int>> CountAsync(InfluxDbTestDatabase database, string query)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var series in await database.QueryAsync(query))
        {
            var id = series.Tags["entity_id"];
            counts[id] = counts.GetValueOrDefault(id) + (int)series.Values.Max(row => row.Skip(1).Max(v => v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt64() : 0));
        }

        return counts;
    }
}
