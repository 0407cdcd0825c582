using HaIngestor.Core.Quality;

namespace HaIngestor.Adapters.Quality;

/// <summary>Where quality state is shared between instances (and survives a restart). Never throws for an unreachable store.</summary>
public interface IQualityStore
{
    /// <summary>Everything shared: entity states, home clocks, last reported statuses; null when the store is unreachable.</summary>
    Task<SharedQualityState?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves changed entities, home clocks (only ever moved forward) and statuses, and deletes forgotten entities; false when the store is unreachable.</summary>
    Task<bool> SaveAsync(SharedQualityState changed, IReadOnlyList<(string Home, string EntityId)> forgotten, CancellationToken cancellationToken);
}
