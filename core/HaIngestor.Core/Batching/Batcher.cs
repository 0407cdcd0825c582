namespace HaIngestor.Core.Batching;

/// <summary>
/// A bounded, size- and time-triggered batcher on a channel: writers await when it is full (backpressure),
/// a single reader receives batches of at most <see cref="BatcherOptions.MaxBatchSize"/> items, emitted when full or
/// <see cref="BatcherOptions.MaxBatchDelay"/> after the batch's first item, whichever comes first.
/// </summary>
public sealed class Batcher<T>
{
    /// <summary>Creates a batcher; time is read only through <paramref name="timeProvider"/>.</summary>
    public Batcher(BatcherOptions options, TimeProvider timeProvider)
    {
        _ = options;
        _ = timeProvider;
        throw new NotImplementedException();
    }

    /// <summary>Items waiting to be batched.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>Adds an item, waiting while the batcher is full.</summary>
    public ValueTask AddAsync(T item, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Adds an item if there is room; false when full or completed.</summary>
    public bool TryAdd(T item) => throw new NotImplementedException();

    /// <summary>No more items; the reader receives what is left, then the sequence ends.</summary>
    public void Complete() => throw new NotImplementedException();

    /// <summary>The batches, for the single reader. Ends after <see cref="Complete"/> once drained.</summary>
    public IAsyncEnumerable<IReadOnlyList<T>> ReadBatchesAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
