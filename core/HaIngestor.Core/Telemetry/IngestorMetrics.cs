using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HaIngestor.Core.Telemetry;

/// <summary>
/// The ingestor's metric instruments (meter <c>HaIngestor</c>). Everything is counted here instead of logged per
/// event, because log volume is billed and metrics are cheap.
/// </summary>
public sealed class IngestorMetrics : IDisposable
{
    /// <summary>The meter and activity source name.</summary>
    public const string MeterName = "HaIngestor";

    /// <summary>Name of the counter of events rejected as invalid.</summary>
    public const string RejectedInstrument = "haingestor.events.rejected";

    /// <summary>Name of the counter of dead-lettered events.</summary>
    public const string DeadLetteredInstrument = "haingestor.events.deadlettered";

    /// <summary>Name of the histogram of batch sizes.</summary>
    public const string BatchSizeInstrument = "haingestor.batch.size";

    /// <summary>Name of the histogram of event lag, in milliseconds.</summary>
    public const string EventLagInstrument = "haingestor.event.lag";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _received;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _writeRetries;
    private readonly Counter<long> _weatherCacheHits;
    private readonly Counter<long> _weatherCacheMisses;
    private readonly Counter<long> _weatherFailures;
    private readonly Histogram<double> _eventLag;
    private long _lastHeartbeatTicks = long.MinValue;

    /// <summary>Creates the instruments through <paramref name="meterFactory"/> (or a standalone meter when none is given).</summary>
    public IngestorMetrics(IMeterFactory? meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("haingestor.events.received", "{event}", "Event messages received for processing.");
        _processed = _meter.CreateCounter<long>("haingestor.events.processed", "{event}", "Events written to the sink.");
        _rejected = _meter.CreateCounter<long>(RejectedInstrument, "{event}", "Events rejected as invalid (tag reason).");
        _skipped = _meter.CreateCounter<long>("haingestor.events.skipped", "{event}", "Valid events deliberately not written.");
        _deadLettered = _meter.CreateCounter<long>(DeadLetteredInstrument, "{event}", "Events put in the dead-letter store (tag reason).");
        _batchSize = _meter.CreateHistogram<int>(BatchSizeInstrument, "{event}", "Event messages per processed batch.");
        _writeDuration = _meter.CreateHistogram<double>("haingestor.write.duration", "ms", "Duration of a sink write, retries included.");
        _writeRetries = _meter.CreateCounter<long>("haingestor.write.retries", "{retry}", "Sink write retries after transient failures.");
        _weatherCacheHits = _meter.CreateCounter<long>("haingestor.weather.cache.hits", "{lookup}", "Weather lookups answered from the cache.");
        _weatherCacheMisses = _meter.CreateCounter<long>("haingestor.weather.cache.misses", "{lookup}", "Weather lookups that went to the provider.");
        _weatherFailures = _meter.CreateCounter<long>("haingestor.weather.failures", "{lookup}", "Weather lookups that failed; the batch carried on without weather.");
        _eventLag = _meter.CreateHistogram<double>(EventLagInstrument, "ms", "Processing time minus the event's time_fired.");
        _meter.CreateObservableGauge("haingestor.connector.heartbeat.age", ObserveHeartbeatAge, "s", "Age of the connector's last heartbeat.");
    }

    /// <summary>True when someone listens to the lag histogram, so callers can skip reading event times otherwise.</summary>
    public bool IsEventLagEnabled => _eventLag.Enabled;

    /// <summary>Counts received event messages.</summary>
    public void EventsReceived(int count) => _received.Add(count);

    /// <summary>Counts events written.</summary>
    public void EventsProcessed(int count) => _processed.Add(count);

    /// <summary>Counts events rejected as invalid.</summary>
    public void EventRejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts events skipped on purpose.</summary>
    public void EventsSkipped(int count) => _skipped.Add(count);

    /// <summary>Counts dead-lettered events.</summary>
    public void EventsDeadLettered(int count, string reason) =>
        _deadLettered.Add(count, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records the size of a processed batch.</summary>
    public void BatchProcessed(int size) => _batchSize.Record(size);

    /// <summary>Records a sink write's duration (retries included) and its outcome.</summary>
    public void WriteCompleted(string sink, TimeSpan duration, bool succeeded) =>
        _writeDuration.Record(
            duration.TotalMilliseconds,
            new KeyValuePair<string, object?>("sink", sink),
            new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    /// <summary>Counts one retry of a sink write.</summary>
    public void WriteRetried(string sink) => _writeRetries.Add(1, new KeyValuePair<string, object?>("sink", sink));

    /// <summary>Counts a weather cache hit.</summary>
    public void WeatherCacheHit() => _weatherCacheHits.Add(1);

    /// <summary>Counts a weather cache miss.</summary>
    public void WeatherCacheMiss() => _weatherCacheMisses.Add(1);

    /// <summary>Counts a weather lookup that failed.</summary>
    public void WeatherFailed() => _weatherFailures.Add(1);

    /// <summary>Records the lag of one event: now minus its <c>time_fired</c>.</summary>
    public void EventLag(DateTimeOffset timeFired) =>
        _eventLag.Record((_timeProvider.GetUtcNow() - timeFired).TotalMilliseconds);

    /// <summary>Remembers when the connector last sent a heartbeat; the gauge reports its age.</summary>
    public void HeartbeatReceived(DateTimeOffset sentAt) => Interlocked.Exchange(ref _lastHeartbeatTicks, sentAt.UtcTicks);

    /// <summary>Age of the last heartbeat, or null when none was seen yet.</summary>
    public TimeSpan? HeartbeatAge
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastHeartbeatTicks);
            return ticks == long.MinValue
                ? null
                : _timeProvider.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A factory-created meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<double>> ObserveHeartbeatAge()
    {
        if (HeartbeatAge is { } age)
        {
            yield return new Measurement<double>(age.TotalSeconds);
        }
    }
}
