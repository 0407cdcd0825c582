using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace HaIngestor.Core.Batching;

/// <summary>
/// The batcher: a bounded channel of at most <c>capacity</c> items whose single reader receives batches of at most
/// <see cref="BatcherOptions.MaxBatchSize"/> items, emitted when full or <see cref="BatcherOptions.MaxBatchDelay"/>
/// after the batch's first item was added, whichever comes first. <see cref="AddAsync"/> waits while it is full
/// (backpressure); <see cref="TryAdd"/> refuses instead, for writers that must never wait.
/// </summary>
public sealed class Batcher<T>
{
    private readonly Channel<Entry> _channel;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxBatchDelay;

    // Items taken from the channel for a batch that was not handed out yet: kept when the reader is cancelled,
    // so that the next read receives them instead of losing them.
    private readonly List<Entry> _pending;
    private int _pendingCount;

    /// <summary>Creates a batcher holding at most <paramref name="capacity"/> items; time is read only through <paramref name="timeProvider"/>.</summary>
    public Batcher(BatcherOptions options, int capacity, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxBatchDelay, TimeSpan.Zero, nameof(options.MaxBatchDelay));

        _timeProvider = timeProvider;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchDelay = options.MaxBatchDelay;
        Capacity = capacity;
        _pending = new List<Entry>(Math.Min(_maxBatchSize, 1024));
        _channel = Channel.CreateBounded<Entry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            // Writers resumed by the reader must not run their continuations on the reader's thread.
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Items the channel holds before writers wait.</summary>
    public int Capacity { get; }

    /// <summary>Items waiting to be batched.</summary>
    public int Count => _channel.Reader.Count + Volatile.Read(ref _pendingCount);

    /// <summary>Adds an item, waiting while the batcher is full.</summary>
    /// <exception cref="ChannelClosedException">The batcher was completed.</exception>
    public ValueTask AddAsync(T item, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new Entry(item, _timeProvider.GetTimestamp()), cancellationToken);

    /// <summary>Adds an item if there is room; false when full or completed.</summary>
    public bool TryAdd(T item) => _channel.Writer.TryWrite(new Entry(item, _timeProvider.GetTimestamp()));

    /// <summary>No more items; the reader receives what is left, then empty batches.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>
    /// The next batch, for the single reader: waits for a first item, then until the batch is full or its first item
    /// is <see cref="BatcherOptions.MaxBatchDelay"/> old. Empty once <see cref="Complete"/> was called and all is read.
    /// </summary>
    public async ValueTask<IReadOnlyList<T>> ReadBatchAsync(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (_pending.Count == 0)
        {
            if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return [];
            }

            TakeAvailable(reader);
        }

        if (_pending.Count < _maxBatchSize)
        {
            await FillUntilDeadlineAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        return TakeBatch(_pending.Count);
    }

    /// <summary>The batches, for the single reader. Ends after <see cref="Complete"/> once drained.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReadBatchAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            yield return batch;
        }
    }

    /// <summary>For the single reader, between reads: everything waiting, in order, without waiting for more.</summary>
    public IReadOnlyList<T> TakeAll()
    {
        var reader = _channel.Reader;
        var all = new List<T>(_pending.Count + reader.Count);
        all.AddRange(TakeBatch(_pending.Count));
        while (reader.TryRead(out var entry))
        {
            all.Add(entry.Item);
        }

        return all;
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

    private T[] TakeBatch(int count)
    {
        var batch = new T[count];
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
