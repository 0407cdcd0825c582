using HaIngestor.Adapters.Quality;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.Quality;

public sealed class RedisQualityStoreTests
{
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EvaluateAsync_InstanceRestarts_SilenceReportedOnceRecoveryOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using (var first = QualityInstance.Create(time, sink, prefix))
        {
            for (var i = 0; i < 20; i++)
            {
                await first.BatchAsync(time.GetUtcNow(), ("sensor.temp", "2" + i), ("sensor.keep_alive", "1" + i));
                time.Advance(HalfMinute);
                Assert.Empty((await first.Evaluator.EvaluateAsync(CancellationToken.None)).Changes);
            }

            // sensor.temp stops; the home carries on.
            var silent = await KeepAliveAsync(first, time, TimeSpan.FromMinutes(20));
            Assert.Equal(QualityStatus.Silent, Assert.Single(silent).Status);
        }

        // A new instance (a restart, or another instance taking over) knows only what Redis holds.
        await using var second = QualityInstance.Create(time, sink, prefix);
        Assert.Empty(await KeepAliveAsync(second, time, TimeSpan.FromMinutes(10)));
        var report = second.Tracker.Entity("Main", "sensor.temp");
        Assert.Equal((QualityStatus.Silent, TimeSpan.FromSeconds(32)), (report?.Status, report?.TypicalInterval));

        await second.BatchAsync(time.GetUtcNow(), ("sensor.temp", "21"));
        var recovered = Assert.Single((await second.Evaluator.EvaluateAsync(CancellationToken.None)).Changes);
        Assert.Equal((QualityStatus.Ok, QualityStatus.Silent), (recovered.Status, recovered.PreviousStatus));
        Assert.Empty(await KeepAliveAsync(second, time, TimeSpan.FromMinutes(2)));

        Assert.Equal(2, sink.Lines.Count);
        Assert.StartsWith("home_assistant_quality,domain=sensor,entity_id=sensor.temp,home=Main status=\"silent\",previous_status=\"ok\",silent=true", sink.Lines[0], StringComparison.Ordinal);
        Assert.Contains("status=\"ok\",previous_status=\"silent\"", sink.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_SinkUnavailable_ChangeReportedAgainLater()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        await using var instance = QualityInstance.Create(time, sink, redisPrefix: null);
        for (var i = 0; i < 20; i++)
        {
            await instance.BatchAsync(time.GetUtcNow(), ("sensor.temp", "2" + i), ("sensor.keep_alive", "1" + i));
            time.Advance(HalfMinute);
        }

        sink.Unavailable = true;
        var deferred = await KeepAliveAsync(instance, time, TimeSpan.FromMinutes(20));
        Assert.NotEmpty(deferred);
        Assert.Empty(sink.Lines);
        sink.Unavailable = false;
        Assert.Single(await KeepAliveAsync(instance, time, HalfMinute));
        Assert.Single(sink.Lines);
    }

    [Fact]
    public async Task EvaluateAsync_RedisDown_CarriesOnInMemoryAndLogsOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        using var logs = new FakeLoggerProvider();
        var closedPort = HaIngestor.TestUtilities.FreePort.Get();
        await using var instance = QualityInstance.Create(time, sink, "test:down:", $"127.0.0.1:{closedPort}", logs);
        for (var i = 0; i < 20; i++)
        {
            await instance.BatchAsync(time.GetUtcNow(), ("sensor.temp", "2" + i), ("sensor.keep_alive", "1" + i));
            time.Advance(HalfMinute);
        }

        var silent = await KeepAliveAsync(instance, time, TimeSpan.FromMinutes(20));
        Assert.Equal("sensor.temp", Assert.Single(silent).EntityId);
        Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 6702);
    }

    private static async Task<List<EntityQualityReport>> KeepAliveAsync(QualityInstance instance, FakeTimeProvider time, TimeSpan total)
    {
        var changes = new List<EntityQualityReport>();
        for (var passed = TimeSpan.Zero; passed < total; passed += HalfMinute)
        {
            time.Advance(HalfMinute);
            await instance.BatchAsync(time.GetUtcNow(), ("sensor.keep_alive", passed.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            changes.AddRange((await instance.Evaluator.EvaluateAsync(CancellationToken.None)).Changes.Where(c => c.EntityId != "sensor.keep_alive"));
        }

        return changes;
    }
}
