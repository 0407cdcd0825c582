namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Holds one <see cref="HomeStatusTracker"/> per instance and serves snapshots of them.</summary>
internal sealed class HomeAssistantStatusRegistry(TimeProvider timeProvider) : IHomeAssistantStatus
{
    private readonly Lock _gate = new();
    private HomeStatusTracker[] _trackers = [];

    public IReadOnlyList<HomeAssistantHomeStatus> Homes => [.. Volatile.Read(ref _trackers).Select(t => t.Snapshot())];

    public HomeStatusTracker Register(string? home)
    {
        lock (_gate)
        {
            var existing = _trackers.FirstOrDefault(t => string.Equals(t.Home, home, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }

            var tracker = new HomeStatusTracker(home, timeProvider);
            Volatile.Write(ref _trackers, [.. _trackers, tracker]);
            return tracker;
        }
    }
}
