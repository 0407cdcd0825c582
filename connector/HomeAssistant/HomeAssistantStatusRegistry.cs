using System.Diagnostics.Metrics;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Holds one <see cref="HomeStatusTracker"/> per instance and serves snapshots of them; publishes the skipped restart
/// duplicates per home as the counter <c>haingestor.connector.ha.restart_duplicates</c> (tag <c>home</c>).
/// </summary>
internal sealed class HomeAssistantStatusRegistry : IHomeAssistantStatus, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Meter? _ownedMeter;
    private HomeStatusTracker[] _trackers = [];

    public HomeAssistantStatusRegistry(TimeProvider timeProvider, IMeterFactory? meterFactory = null)
    {
        _timeProvider = timeProvider;
        var meter = meterFactory?.Create(IngestorMetrics.MeterName);
        if (meter is null)
        {
            _ownedMeter = new Meter(IngestorMetrics.MeterName);
            meter = _ownedMeter;
        }

        meter.CreateObservableCounter(
            "haingestor.connector.ha.restart_duplicates",
            ObserveRestartDuplicates,
            "{event}",
            "Restart re-announcements of unchanged entities skipped.");
    }

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

            var tracker = new HomeStatusTracker(home, _timeProvider);
            Volatile.Write(ref _trackers, [.. _trackers, tracker]);
            return tracker;
        }
    }

    public void Dispose() => _ownedMeter?.Dispose();

    private IEnumerable<Measurement<long>> ObserveRestartDuplicates() =>
        [.. Volatile.Read(ref _trackers).Select(t => new Measurement<long>(t.RestartDuplicates, new KeyValuePair<string, object?>("home", t.Home ?? "default")))];
}
