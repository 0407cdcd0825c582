using HaIngestor.Core.Quality;

namespace HaIngestor.Adapters.Quality;

/// <summary>
/// Shares what a batch taught the tracker (functions: instances scale out and restart): the first batch of an
/// instance takes in the shared state, every batch saves the entities it changed and the home clocks.
/// </summary>
public sealed class QualityStateSync
{
    private readonly QualityTracker _tracker;
    private readonly IQualityStore _store;
    private int _loaded;

    /// <summary>Creates the synchronizer.</summary>
    public QualityStateSync(QualityTracker tracker, IQualityStore store)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(store);
        _tracker = tracker;
        _store = store;
    }

    /// <summary>Before a batch: until it succeeds once, takes in the shared state.</summary>
    public async Task BeforeBatchAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded) == 0 && await _store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } shared)
        {
            _tracker.Merge(shared);
            Volatile.Write(ref _loaded, 1);
        }
    }

    /// <summary>After a batch: saves the entities it changed and the home clocks.</summary>
    public async Task AfterBatchAsync(CancellationToken cancellationToken)
    {
        var changed = _tracker.TakeChanged();
        if (!await _store.SaveAsync(changed, [], cancellationToken).ConfigureAwait(false))
        {
            // Kept for the next save, so an outage of the store loses nothing the tracker still knows.
            _tracker.MarkChanged(changed);
        }
    }
}
