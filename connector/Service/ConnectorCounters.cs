using System.Diagnostics.Metrics;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Connector.Service;

/// <summary>
/// The connector's own instruments on the <c>HaIngestor</c> meter. Each count is an interlocked field published as
/// an observable counter: the field is the instrument's value, so <c>/metrics</c> (through
/// <see cref="PrometheusExposition"/>), Application Insights when configured, the status page, <c>/health</c> and
/// the demo all read one number, and the per-event path costs one interlocked add whether anyone listens or not.
/// </summary>
internal sealed class ConnectorCounters : IDisposable
{
    /// <summary>Prefix of every connector instrument name.</summary>
    public const string Prefix = "haingestor.connector.";

    private readonly Meter? _ownedMeter;
    private long _received;
    private long _published;
    private long _spilled;
    private long _replayed;
    private long _journalDropped;
    private long _journalCorrupt;
    private long _oversize;
    private long _sendFailures;
    private long _heartbeats;
    private long _writtenLines;

    /// <summary>Events accepted from Home Assistant.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Events the transport took (published to Event Hubs, or processed by the direct pipeline).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events written to the journal (buffer full or transport down).</summary>
    public long Spilled => Interlocked.Read(ref _spilled);

    /// <summary>Journaled events delivered later.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Journaled events lost because the journal reached its size limit.</summary>
    public long JournalDropped => Interlocked.Read(ref _journalDropped);

    /// <summary>Journal records skipped because they were torn or corrupt.</summary>
    public long JournalCorrupt => Interlocked.Read(ref _journalCorrupt);

    /// <summary>Events too large for one transport message.</summary>
    public long Oversize => Interlocked.Read(ref _oversize);

    /// <summary>Batches the transport failed to take after its retries.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Heartbeats sent.</summary>
    public long Heartbeats => Interlocked.Read(ref _heartbeats);

    /// <summary>Line-protocol lines written (direct mode).</summary>
    public long WrittenLines => Interlocked.Read(ref _writtenLines);

    /// <summary>Creates the instruments on the factory's <c>HaIngestor</c> meter (or a meter of its own when none is given).</summary>
    public ConnectorCounters(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(IngestorMetrics.MeterName) ?? (_ownedMeter = new Meter(IngestorMetrics.MeterName));
        Count("events.received", () => Received, "Events accepted from Home Assistant.");
        Count("events.published", () => Published, "Events the transport took.");
        Count("events.spilled", () => Spilled, "Events written to the journal (buffer full or transport down).");
        Count("events.replayed", () => Replayed, "Journaled events delivered later.");
        Count("events.dropped", () => JournalDropped, "Journaled events dropped at the journal size limit.");
        Count("journal.corrupt", () => JournalCorrupt, "Torn or corrupt journal records skipped.", "{record}");
        Count("events.oversize", () => Oversize, "Events too large for one transport message.");
        Count("send_failures", () => SendFailures, "Batches the transport failed to take after its retries.", "{batch}");
        Count("heartbeats", () => Heartbeats, "Heartbeats sent.", "{heartbeat}");
        Count("lines_written", () => WrittenLines, "Line-protocol lines written (direct mode).", "{line}");
        BatchSize = new MeteredHistogram(Meter.CreateHistogram(
            Prefix + "batch.size", "{event}", "Events per batch handed to the transport.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1000, 5000] }));
        EventLagSeconds = new MeteredHistogram(Meter.CreateHistogram(
            Prefix + "event.lag", "s", "Seconds from time_fired to hand-over to the transport.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 600] }));
    }

    /// <summary>The meter the connector's instruments (and its gauges, <see cref="ConnectorGauges"/>) live on.</summary>
    public Meter Meter { get; }

    /// <summary>Sizes of the batches handed to the transport (not recorded in direct mode: the pipeline's <c>haingestor.batch.size</c> is that).</summary>
    public MeteredHistogram BatchSize { get; }

    /// <summary>Seconds from <c>time_fired</c> to hand-over to the transport (not recorded in direct mode: the pipeline's <c>haingestor.event.lag</c> is that).</summary>
    public MeteredHistogram EventLagSeconds { get; }

    public void AddReceived(long count = 1) => Interlocked.Add(ref _received, count);

    public void AddPublished(long count) => Interlocked.Add(ref _published, count);

    public void AddSpilled(long count = 1) => Interlocked.Add(ref _spilled, count);

    public void AddReplayed(long count) => Interlocked.Add(ref _replayed, count);

    public void AddJournalDropped(long count) => Interlocked.Add(ref _journalDropped, count);

    public void AddJournalCorrupt(long count = 1) => Interlocked.Add(ref _journalCorrupt, count);

    public void AddOversize(long count = 1) => Interlocked.Add(ref _oversize, count);

    public void AddSendFailure() => Interlocked.Increment(ref _sendFailures);

    public void AddHeartbeat() => Interlocked.Increment(ref _heartbeats);

    public void AddWrittenLines(long count) => Interlocked.Add(ref _writtenLines, count);

    /// <inheritdoc />
    public void Dispose() => _ownedMeter?.Dispose();

    private void Count(string name, Func<long> value, string description, string unit = "{event}") =>
        Meter.CreateObservableCounter(Prefix + name, value, unit, description);
}
