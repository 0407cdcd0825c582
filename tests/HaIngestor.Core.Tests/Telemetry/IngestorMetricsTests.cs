using System.Diagnostics.Metrics;
using HaIngestor.Core.Tests.Processing;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Telemetry;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Core.Tests.Telemetry;

public sealed class IngestorMetricsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hai-dl-{Guid.NewGuid():N}");

    [Fact]
    public async Task ProcessAsync_MixedBatch_CountsEveryOutcome()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("metrics");
        using var meters = new TestMeterFactory();
        using var received = Collect<long>(meters, "haingestor.events.received");
        using var processed = Collect<long>(meters, "haingestor.events.processed");
        using var rejected = Collect<long>(meters, "haingestor.events.rejected");
        using var deadLettered = Collect<long>(meters, "haingestor.events.deadlettered");
        using var batchSize = Collect<int>(meters, "haingestor.batch.size");
        using var writeDuration = Collect<double>(meters, "haingestor.write.duration");
        using var lag = Collect<double>(meters, "haingestor.event.lag");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IMeterFactory>(meters);
        services.AddFileDeadLetterStoreForTest(_folder);
        services.AddInfluxDbSinkForTest(database);
        services.AddIngestProcessing();
        using var provider = services.BuildServiceProvider();
        var batch = EventMessages.Sensors(3);
        batch.Add(EventMessages.Malformed());

        await provider.GetRequiredService<IngestBatchProcessor>().ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);

        Assert.Equal(4, received.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(3, processed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, rejected.GetMeasurementSnapshot().Where(m => m.MatchesTags(new KeyValuePair<string, object?>("reason", "MalformedJson"))).Sum(m => m.Value));
        Assert.Equal(1, deadLettered.GetMeasurementSnapshot().Where(m => m.MatchesTags(new KeyValuePair<string, object?>("reason", "MalformedJson"))).Sum(m => m.Value));
        Assert.Equal(4, batchSize.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(writeDuration.GetMeasurementSnapshot());
        Assert.Equal(3, lag.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public void HeartbeatAge_AfterHeartbeat_ReportedByTheGauge()
    {
        using var meters = new TestMeterFactory();
        using var age = Collect<double>(meters, "haingestor.connector.heartbeat.age");
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        using var metrics = new IngestorMetrics(meters, time);

        metrics.HeartbeatReceived(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(90));
        age.RecordObservableInstruments();

        Assert.Equal(TimeSpan.FromSeconds(90), metrics.HeartbeatAge);
        Assert.Equal(90, age.LastMeasurement?.Value);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Creates meters of its own, so a listener hears only this test's instruments.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    /// <summary>Collects one instrument of this test's own meters (so parallel tests' instruments never mix in).</summary>
    private static MetricCollector<T> Collect<T>(IMeterFactory meters, string instrument)
        where T : struct => new(meters, IngestorMetrics.MeterName, instrument);
}
