using System.Threading.Channels;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Journal;

/// <summary>
/// The one writer of the journal: a dedicated thread that takes spilled events from a bounded queue and appends
/// them, so whoever spills (the socket reader's <see cref="EventBuffer.Accept"/>) only enqueues into memory and never
/// waits on a write, a flush or an fsync. At most <c>capacity</c> events wait; <see cref="TryEnqueue"/> refuses more.
/// </summary>
internal sealed class JournalWriter
{
    private readonly Channel<IReadOnlyList<ReceivedEvent>> _queue;
    private readonly Channel<bool> _appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly EventJournal _journal;
    private readonly ConnectorCounters _counters;
    private readonly SinkOutage _outage;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pending;
    private long _written;

    // Events dropped since the journal became unavailable; only the writer thread touches it.
    private long _unavailable;

    public JournalWriter(EventJournal journal, int capacity, ConnectorCounters counters, SinkOutage outage, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _journal = journal;
        _counters = counters;
        _outage = outage;
        _logger = logger;
        Capacity = capacity;
        _queue = Channel.CreateBounded<IReadOnlyList<ReceivedEvent>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });

        // A thread of its own: a stalled disk blocks it, never a thread-pool thread nor the socket reader.
        new Thread(WriteLoop) { IsBackground = true, Name = "journal-writer" }.Start();
    }

    /// <summary>Most events that may wait to be written.</summary>
    public int Capacity { get; }

    /// <summary>Events handed over and not yet in the journal (queued or being written).</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Events written so far; grows by a batch's size only after the batch is in the journal.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Hands one event over; false, and nothing queued, when <see cref="Capacity"/> events already wait.</summary>
    public bool TryEnqueue(ReceivedEvent receivedEvent)
    {
        if (Interlocked.Read(ref _pending) >= Capacity)
        {
            return false;
        }

        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite([receivedEvent]))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <summary>
    /// Hands a run of events over as one item, beyond <see cref="Capacity"/>, without waiting; false, and nothing
    /// queued, when the queue holds <see cref="Capacity"/> items already.
    /// </summary>
    public bool TryEnqueueRange(IReadOnlyList<ReceivedEvent> events)
    {
        if (events.Count == 0)
        {
            return true;
        }

        Interlocked.Add(ref _pending, events.Count);
        if (_queue.Writer.TryWrite(events))
        {
            return true;
        }

        Interlocked.Add(ref _pending, -events.Count);
        return false;
    }

    /// <summary>
    /// Hands a run of events over as one item, beyond <see cref="Capacity"/> (the caller's memory bounds it); waits
    /// only if the queue holds <see cref="Capacity"/> items already. Never called by the socket reader.
    /// </summary>
    public ValueTask EnqueueRangeAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        Interlocked.Add(ref _pending, events.Count);
        return _queue.Writer.WriteAsync(events, cancellationToken);
    }

    /// <summary>Completes when something was written since the last call returned (or at once if it was meanwhile).</summary>
    public async ValueTask WaitForWriteAsync(CancellationToken cancellationToken)
    {
        if (await _appended.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _appended.Reader.TryRead(out _);
        }
    }

    /// <summary>Takes nothing more, writes what is queued, then completes.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var events))
                {
                    Write(events);
                }
            }
        }
        finally
        {
            _appended.Writer.TryComplete();
            _stopped.TrySetResult();
        }
    }

    private void Write(IReadOnlyList<ReceivedEvent> events)
    {
        try
        {
            // What the journal cannot write (a full or failing disk) it drops, counts and logs once per episode itself.
            var written = events.Count == 1
                ? (_journal.Append(ReceivedEventCodec.Encode(events[0])) ? 1 : 0)
                : _journal.AppendRange(events.Select(ReceivedEventCodec.Encode));
            _counters.AddSpilled(written);
            _outage.AddJournaled(written);
            if (_unavailable > 0)
            {
                Log.JournalAvailableAgain(_logger, _unavailable);
                _unavailable = 0;
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or ObjectDisposedException)
        {
            // The folder became unwritable, or the journal closed under a last spill: these events cannot be kept.
            // Logged once per episode (a batch at a time would log per spilled event while the folder stays locked).
            _counters.AddJournalDropped(events.Count);
            if (_unavailable == 0)
            {
                Log.JournalUnavailable(_logger, ex.GetType().Name, ex.Message);
            }

            _unavailable += events.Count;
        }
        finally
        {
            // Written first, then Pending: whoever sees Pending at 0 also sees every write in Written.
            Interlocked.Add(ref _written, events.Count);
            Interlocked.Add(ref _pending, -events.Count);
            _appended.Writer.TryWrite(true);
        }
    }
}
