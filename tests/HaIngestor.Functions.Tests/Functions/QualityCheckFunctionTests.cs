using System.Globalization;
using HaIngestor.Core.Quality;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Functions.Tests.Functions;

/// <summary>
/// The functions' data quality through the app's own container: ProcessEvents feeds the tracker (sharing its state
/// in Redis through the batch handler), the QualityCheck timer evaluates it and writes quality points to InfluxDB.
/// </summary>
public sealed class QualityCheckFunctionTests
{
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_SensorStopsThenReturns_OneSilentPointThenOneOkPoint()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_quality");
        var time = new FakeTimeProvider(EventBodies.BaseTime);
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name), time);
        var clock = new Rounds(host, time);

        await clock.RunAsync(20, "sensor.temp", "sensor.keep_alive");
        await clock.RunAsync(40, "sensor.keep_alive");
        await clock.RunAsync(1, "sensor.temp", "sensor.keep_alive");

        var rows = await QualityRowsAsync(database);
        Assert.Equal([("sensor.temp", "silent", "ok"), ("sensor.temp", "ok", "silent")], rows);
    }

    [Fact]
    public async Task HandleAsync_InstanceRestarts_NewInstanceReadingTheSameRedisKnowsTheSensorAndReportsItsSilence()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_quality_restart");
        var time = new FakeTimeProvider(EventBodies.BaseTime);
        var settings = FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name);
        TimeSpan? learned;
        await using (var first = FunctionsTestHost.Create(settings, time))
        {
            // The first instance learns sensor.temp's rhythm, then is recycled before it stops reporting.
            await new Rounds(first, time).RunAsync(20, "sensor.temp", "sensor.keep_alive");
            learned = first.Get<QualityTracker>().Entity("main", "sensor.temp")?.TypicalInterval;
        }

        Assert.NotNull(learned);

        var coldTime = new FakeTimeProvider(time.GetUtcNow());
        await using (var cold = FunctionsTestHost.Create(ColdStart(settings), coldTime))
        {
            // Without Redis a new instance knows nothing of what the old one saw: sensor.temp is simply absent.
            await new Rounds(cold, coldTime).RunAsync(40, "sensor.keep_alive");
            Assert.Null(cold.Get<QualityTracker>().Entity("main", "sensor.temp"));
        }

        await using var second = FunctionsTestHost.Create(settings, time);
        await new Rounds(second, time).RunAsync(40, "sensor.keep_alive");

        var report = second.Get<QualityTracker>().Entity("main", "sensor.temp");
        Assert.Equal((QualityStatus.Silent, learned), (report?.Status, report?.TypicalInterval));
        Assert.Equal([("sensor.temp", "silent", "ok")], await QualityRowsAsync(database));
    }

    // The same app with no Redis: the tracker's state is this instance's memory.
    private static Dictionary<string, string?> ColdStart(Dictionary<string, string?> settings)
    {
        var cold = new Dictionary<string, string?>(settings);
        cold.Remove("Redis:ConnectionString");
        return cold;
    }

    private static async Task<List<(string EntityId, string Status, string Previous)>> QualityRowsAsync(InfluxDbTestDatabase database)
    {
        var series = await database.QueryAsync("SELECT entity_id, status, previous_status FROM home_assistant_quality");
        return series.SelectMany(s => s.Rows())
            .Select(r => (r["entity_id"].GetString()!, r["status"].GetString()!, r["previous_status"].GetString()!))
            .ToList();
    }

    /// <summary>A delivery every 30 s of the named sensors' state changes, then the minutely quality check.</summary>
    private sealed class Rounds(FunctionsTestHost host, FakeTimeProvider time)
    {
        private int _value;

        public async Task RunAsync(int count, params string[] entityIds)
        {
            var process = host.Get<ProcessEventsFunction>();
            var check = host.Get<QualityCheckFunction>();
            for (var i = 0; i < count; i++)
            {
                var seconds = (int)(time.GetUtcNow() - EventBodies.BaseTime).TotalSeconds;
                var bodies = entityIds.Select(id => EventBodies.StateChanged(id, (20 + (_value++ % 7)).ToString(CultureInfo.InvariantCulture), seconds)).ToArray();
                await process.RunAsync(bodies, new TestFunctionContext(host.Services, retryCount: 0));
                time.Advance(HalfMinute);
                await check.RunAsync(new TimerInfo(), new TestFunctionContext(host.Services, retryCount: 0));
            }
        }
    }
}
