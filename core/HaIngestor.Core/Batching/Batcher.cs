using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace HaIngestor.Core.Batching;

/// <summary>
/// A bounded, size- and time-triggered batcher on a channel: writers await when it is full (backpressure),
/// a single reader receives batches of at most <see cref="BatcherOptions.MaxBatchSize"/> items, emitted when full or
/// <see cref="BatcherOptions.MaxBatchDelay"/> after the batch's first item, whichever comes first.
/// </summary>
public sealed class Batcher<T>
{
    private readonly Channel<Entry> _channel;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxBatchDelay;

    // Items taken from the channel for a batch that was not handed out yet: kept when the reader is cancelled,
    // so that the next reader receives them instead of losing them.
    private readonly List<Entry> _pending;
    private int _pendingCount;

    /// <summary>Creates a batcher; time is read only through <paramref name="timeProvider"/>.</summary>
    public Batcher(BatcherOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxBatchDelay, TimeSpan.Zero, nameof(options.MaxBatchDelay));

        _timeProvider = timeProvider;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchDelay = options.MaxBatchDelay;
        _pending = new List<Entry>(Math.Min(_maxBatchSize, 1024));
        _channel = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            // Writers resumed by the reader must not run their continuations on the reader's thread.
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Items waiting to be batched.</summary>
    public int Count => _channel.Reader.Count + Volatile.Read(ref _pendingCount);

    /// <summary>Adds an item, waiting while the batcher is full.</summary>
    /// <exception cref="ChannelClosedException">The batcher was completed.</exception>
    public ValueTask AddAsync(T item, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new Entry(item, _timeProvider.GetTimestamp()), cancellationToken);

    /// <summary>Adds an item if there is room; false when full or completed.</summary>
    public bool TryAdd(T item) => _channel.Writer.TryWrite(new Entry(item, _timeProvider.GetTimestamp()));

    /// <summary>No more items; the reader receives what is left, then the sequence ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>The batches, for the single reader. Ends after <see cref="Complete"/> once drained.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (true)
        {
            if (_pending.Count == 0)
            {
                if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                TakeAvailable(reader);
                if (_pending.Count == 0)
                {
                    continue;
                }
            }

            if (_pending.Count < _maxBatchSize)
            {
                await FillUntilDeadlineAsync(reader, cancellationToken).ConfigureAwait(false);
            }

            yield return TakeBatch();
        }
    }

    // Waits for more items until the batch is full, the batch's first item is MaxBatchDelay old, or the writer
    // completes. Time is measured from when the first item was added, so items that waited while the reader was busy
    // are not held back for another full delay.
    private async ValueTask FillUntilDeadlineAsync(ChannelReader<Entry> reader, CancellationToken cancellationToken)
    {
        var remaining = _maxBatchDelay - _timeProvider.GetElapsedTime(_pending[0].AddedAt);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(remaining, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (_pending.Count < _maxBatchSize && await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                TakeAvailable(reader);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The time trigger fired: emit what we have.
        }
    }

    private void TakeAvailable(ChannelReader<Entry> reader)
    {
        while (_pending.Count < _maxBatchSize && reader.TryRead(out var entry))
        {
            _pending.Add(entry);
        }

        Volatile.Write(ref _pendingCount, _pending.Count);
    }

    private T[] TakeBatch()
    {
        var batch = new T[_pending.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = _pending[i].Item;
        }

        _pending.Clear();
        Volatile.Write(ref _pendingCount, 0);
        return batch;
    }

    private readonly record struct Entry(T Item, long AddedAt);
}
