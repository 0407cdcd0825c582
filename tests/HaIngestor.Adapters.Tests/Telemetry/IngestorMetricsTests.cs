using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaIngestor.Adapters.Tests.Processing;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Telemetry;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.Telemetry;

public sealed class IngestorMetricsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hai-dl-{Guid.NewGuid():N}");

    [Fact]
    public async Task ProcessAsync_MixedBatch_CountsEveryOutcome()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("metrics");
        using var meters = new TestMeterFactory();
        using var recorder = new Recorder(meters);
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

        Assert.Equal(4, recorder.Sum("haingestor.events.received"));
        Assert.Equal(3, recorder.Sum("haingestor.events.processed"));
        Assert.Equal(1, recorder.Sum("haingestor.events.rejected", "reason", "MalformedJson"));
        Assert.Equal(1, recorder.Sum("haingestor.events.deadlettered", "reason", "MalformedJson"));
        Assert.Equal(4, recorder.Sum("haingestor.batch.size"));
        Assert.Equal(1, recorder.Count("haingestor.write.duration"));
        Assert.Equal(3, recorder.Count("haingestor.event.lag"));
    }

    [Fact]
    public void HeartbeatAge_AfterHeartbeat_ReportedByTheGauge()
    {
        using var meters = new TestMeterFactory();
        using var recorder = new Recorder(meters);
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        using var metrics = new IngestorMetrics(meters, time);

        metrics.HeartbeatReceived(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(90));
        recorder.Observe();

        Assert.Equal(TimeSpan.FromSeconds(90), metrics.HeartbeatAge);
        Assert.Equal(90, recorder.Sum("haingestor.connector.heartbeat.age"));
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

    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Recorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.SetMeasurementEventCallback<int>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.Start();
        }

        public void Observe() => _listener.RecordObservableInstruments();

        public double Sum(string name, string? tag = null, string? value = null) =>
            Matching(name, tag, value).Sum(m => m.Value);

        public int Count(string name) => Matching(name, null, null).Count();

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string name, string? tag, string? value) =>
            _measurements.Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))));
    }
}
