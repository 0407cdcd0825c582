using System.Threading.Channels;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Batching;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Ingestion;

/// <summary>
/// The hand-over point between the Home Assistant clients and the transport: a bounded in-memory channel that
/// never makes <see cref="Accept"/> wait. When the channel is full, or the transport is down, events go to the
/// on-disk journal instead; from then on every new event follows them there until the journal is delivered, so
/// events leave in the order they came (per-entity order holds).
/// </summary>
internal sealed partial class EventBuffer : IReceivedEventSink
{
    private readonly Channel<ReceivedEvent> _channel;
    private readonly Lock _gate = new();
    private readonly EventJournal _journal;
    private readonly ConnectorCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectorOptions _options;
    private readonly BatcherOptions _batching;
    private readonly ILogger _logger;
    private readonly SinkOutage _outage;
    private bool _spilling;

    public EventBuffer(
        IOptions<ConnectorOptions> options,
        IOptions<BatcherOptions> batching,
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
        _channel = Channel.CreateBounded<ReceivedEvent>(new BoundedChannelOptions(_options.BufferCapacity)
        {
            // Accept itself reads when it moves the channel into the journal, so there are two readers.
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });

        // What a previous run journaled goes out before anything received now.
        _spilling = journal.PendingRecords > 0;
    }

    /// <summary>Events waiting in memory.</summary>
    public int Buffered => _channel.Reader.Count;

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

    /// <summary>Events waiting in the journal.</summary>
    public long JournalDepth => _journal.PendingRecords;

    /// <inheritdoc />
    public void Accept(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        _counters.AddReceived();
        lock (_gate)
        {
            if (!_spilling && _channel.Writer.TryWrite(receivedEvent))
            {
                return;
            }

            if (!_spilling)
            {
                // What is still buffered is older than this event: it goes to the journal first, so while spilling
                // the channel stays empty and the journal alone holds the order.
                _spilling = true;
                Log.BufferFullSpilling(_logger, _options.BufferCapacity);
                var queued = new List<byte[]>(_channel.Reader.Count + 1);
                while (_channel.Reader.TryRead(out var older))
                {
                    queued.Add(ReceivedEventCodec.Encode(older));
                }

                queued.Add(ReceivedEventCodec.Encode(receivedEvent));
                // What the journal cannot take (a full disk) it counts as dropped and logs.
                var journaled = _journal.AppendRange(queued);
                _counters.AddSpilled(journaled);
                _outage.AddJournaled(journaled);
                return;
            }

            if (_journal.Append(ReceivedEventCodec.Encode(receivedEvent)))
            {
                _counters.AddSpilled();
                _outage.AddJournaled(1);
            }
        }
    }

    /// <summary>
    /// Moves a batch the transport refused, and everything still buffered behind it, to the journal. False (and
    /// nothing moved) when the journal already holds newer events: the batch must then be retried in place.
    /// </summary>
    private bool TrySpillAfterFailure(IReadOnlyList<ReceivedEvent> failed)
    {
        lock (_gate)
        {
            if (_journal.PendingRecords > 0)
            {
                return false;
            }

            var records = new List<byte[]>(failed.Count + _channel.Reader.Count);
            records.AddRange(failed.Select(ReceivedEventCodec.Encode));
            while (_channel.Reader.TryRead(out var queued))
            {
                records.Add(ReceivedEventCodec.Encode(queued));
            }

            var journaled = _journal.AppendRange(records);
            _counters.AddSpilled(journaled);
            _outage.AddJournaled(journaled);
            _spilling = true;
            return true;
        }
    }

    /// <summary>Leaves spill mode once the journal is empty; new events then take the in-memory path again.</summary>
    private bool TryLeaveSpilling()
    {
        lock (_gate)
        {
            if (_journal.PendingRecords > 0)
            {
                return false;
            }

            var wasSpilling = _spilling;
            _spilling = false;
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
