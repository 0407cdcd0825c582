using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Batching;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Ingestion;

/// <summary>
/// The hand-over point between the Home Assistant clients and the transport: the <see cref="Batcher{T}"/> in memory
/// (<c>Connector:BufferCapacity</c> events), and behind it the journal, written only by a <see cref="JournalWriter"/>.
/// <see cref="Accept"/> never waits: it adds to the batcher, or, once the batcher is full or the transport is down,
/// queues the event for the writer (<c>Journal:WriteQueueCapacity</c> events); from then on every new event follows
/// them there until the journal is delivered, so events leave in the order they came (per-entity order holds). When
/// both are full the event is dropped, counted and logged once per episode.
/// </summary>
internal sealed partial class EventBuffer : IReceivedEventSink
{
    private readonly Batcher<ReceivedEvent> _batcher;
    private readonly JournalWriter _writer;
    private readonly Lock _gate = new();
    private readonly EventJournal _journal;
    private readonly ConnectorCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectorOptions _options;
    private readonly BatcherOptions _batching;
    private readonly ILogger _logger;
    private readonly SinkOutage _outage;
    private bool _spilling;
    private List<ReceivedEvent>? _heldWhileDraining;
    private long _overflowed;
    private long _overflowEpisode;

    public EventBuffer(
        IOptions<ConnectorOptions> options,
        IOptions<BatcherOptions> batching,
        IOptions<JournalOptions> journalOptions,
        EventJournal journal,
        ConnectorCounters counters,
        TimeProvider timeProvider,
        ILogger<EventBuffer> logger,
        SinkOutage? outage = null)
    {
        _options = options.Value;
        _batching = batching.Value;
        _journal = journal;
        _counters = counters;
        _timeProvider = timeProvider;
        _logger = logger;
        _outage = outage ?? new SinkOutage(timeProvider, Microsoft.Extensions.Logging.Abstractions.NullLogger<SinkOutage>.Instance);
        _outage.BacklogPending = () => Spilling;
        _batcher = new Batcher<ReceivedEvent>(_batching, _options.BufferCapacity, timeProvider);
        _writer = new JournalWriter(journal, journalOptions.Value.WriteQueueCapacity, counters, _outage, logger);

        // What a previous run journaled goes out before anything received now.
        _spilling = journal.PendingRecords > 0;
    }

    /// <summary>Events waiting in memory for the transport.</summary>
    public int Buffered => _batcher.Count;

    /// <summary>Events the in-memory buffer holds before spilling.</summary>
    public int Capacity => _batcher.Capacity;

    /// <summary>True while new events go to the journal (buffer overflowed or transport down).</summary>
    public bool Spilling
    {
        get
        {
            lock (_gate)
            {
                return _spilling;
            }
        }
    }

    /// <summary>Events waiting in the journal, or on their way into it.</summary>
    public long JournalDepth => _journal.PendingRecords + _writer.Pending;

    /// <summary>Events dropped because the buffer and the journal writer's queue were both full.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <inheritdoc />
    public void Accept(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        _counters.AddReceived();

        // Only memory under this gate: the journal is the writer's, so nothing here can wait on a disk.
        lock (_gate)
        {
            if (!_spilling && _batcher.TryAdd(receivedEvent))
            {
                return;
            }

            if (!_spilling)
            {
                // What the batcher holds is older than this event and leaves first; the journal follows it.
                _spilling = true;
                Log.BufferFullSpilling(_logger, _options.BufferCapacity);
            }

            if (_heldWhileDraining is { } held)
            {
                // The drain still owns older events that may yet go to the journal: this one waits behind them.
                if (held.Count < _writer.Capacity)
                {
                    held.Add(receivedEvent);
                    return;
                }
            }
            else if (_writer.TryEnqueue(receivedEvent))
            {
                if (_overflowEpisode > 0)
                {
                    Log.JournalQueueRecovered(_logger, _overflowEpisode);
                    _overflowEpisode = 0;
                }

                return;
            }

            // Memory and the writer's queue are full (the disk is stalled or slower than Home Assistant): waiting here
            // would stop the socket reader, and Home Assistant would drop its own queue uncounted and disconnect.
            Interlocked.Increment(ref _overflowed);
            _counters.AddJournalDropped(1);
            if (_overflowEpisode++ == 0)
            {
                Log.JournalQueueFull(_logger, _options.BufferCapacity, _writer.Capacity);
            }
        }
    }

    /// <summary>
    /// Moves a batch the transport refused, and everything still buffered behind it, to the journal writer. False
    /// (and nothing moved) while spilling: the journal then holds newer events, so the batch is retried in place.
    /// </summary>
    private async ValueTask<bool> TrySpillAfterFailureAsync(IReadOnlyList<ReceivedEvent> failed)
    {
        List<ReceivedEvent> records;
        lock (_gate)
        {
            if (_spilling)
            {
                return false;
            }

            // Not spilling: the writer's queue is empty, so this run goes first, and it is queued before the gate opens,
            // so an event that Accept spills the moment spilling begins queues behind it and the journal keeps the order.
            records = new List<ReceivedEvent>(failed.Count + _batcher.Count);
            records.AddRange(failed);
            records.AddRange(_batcher.TakeAll());
            _spilling = true;
            if (_writer.TryEnqueueRange(records))
            {
                return true;
            }
        }

        await _writer.EnqueueRangeAsync(records, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Leaves spill mode once the journal is delivered and nothing more is on its way; new events then take the
    /// in-memory path again. The journal is asked outside the gate (it may be mid-fsync), and the gate then checks
    /// that the writer has neither written nor queued anything since.
    /// </summary>
    private bool TryLeaveSpilling()
    {
        var written = _writer.Written;
        if (_writer.Pending > 0 || _journal.PendingRecords > 0)
        {
            return false;
        }

        lock (_gate)
        {
            if (_writer.Pending > 0 || _writer.Written != written)
            {
                return false;
            }

            var wasSpilling = _spilling;
            _spilling = false;
            if (_overflowEpisode > 0)
            {
                Log.JournalQueueRecovered(_logger, _overflowEpisode);
                _overflowEpisode = 0;
            }

            if (!wasSpilling)
            {
                return true;
            }

            if (!_outage.IsOpen)
            {
                Log.JournalDrained(_logger);
                return true;
            }
        }

        // The outage's recovery line says it, with the counts.
        _outage.BacklogDelivered();
        return true;
    }
}
