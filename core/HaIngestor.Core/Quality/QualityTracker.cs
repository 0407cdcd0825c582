using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Core.Quality;

/// <summary>
/// Data quality computed where the events pass: per entity when it last changed, its typical reporting interval,
/// its <c>unavailable</c>/<c>unknown</c> share and whether its values are plausible; per home and domain what
/// happened to the events. Observing an event is a dictionary lookup and a few field updates under the home's lock:
/// no I/O, no allocation once the entity is known. Statuses change only in <see cref="Evaluate"/>.
/// </summary>
/// <remarks>
/// Silence is measured against each home's own clock, the latest event time seen for that home (capped at the wall
/// clock): when a whole home goes quiet (Home Assistant down, connection lost) its clock stops too, so that is one
/// connection problem, not hundreds of silent entities.
/// </remarks>
public sealed partial class QualityTracker : IDisposable
{
    /// <summary>Homes tracked at most; events of further homes count under <see cref="OverflowHome"/>.</summary>
    public const int MaxHomes = 64;

    /// <summary>The home name events of homes beyond <see cref="MaxHomes"/> count under.</summary>
    public const string OverflowHome = "(other)";

    private readonly ConcurrentDictionary<byte[], HomeQuality> _homes = new(Utf8KeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], HomeQuality>.AlternateLookup<ReadOnlySpan<byte>> _homeLookup;
    private readonly TimeProvider _timeProvider;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _outOfRange;
    private readonly long _burstGapTicks;
    private int _entityCount;
    private long _untracked;

    /// <summary>Creates a tracker; instruments go on meter <c>HaIngestor</c> of <paramref name="meterFactory"/> (or a standalone meter).</summary>
    public QualityTracker(QualityOptions options, TimeProvider timeProvider, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        _timeProvider = timeProvider;
        _burstGapTicks = options.BurstGap.Ticks;
        _homeLookup = _homes.GetAlternateLookup<ReadOnlySpan<byte>>();
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(IngestorMetrics.MeterName) ?? new Meter(IngestorMetrics.MeterName);
        // Observed from the per-domain counts the tracker keeps anyway, so counting an event stays one interlocked add.
        _meter.CreateObservableCounter("haingestor.quality.events", ObserveEvents, "{event}", "Events per home and domain by outcome (accepted, skipped, rejected, dead_lettered) and reject reason.");
        _meter.CreateObservableCounter("haingestor.quality.untracked_events", () => Interlocked.Read(ref _untracked), "{event}", "Events of entities beyond Quality:MaxEntities, counted but not tracked.");
        _meter.CreateObservableGauge("haingestor.quality.rejected_ratio", ObserveRejectedRatio, "1", "Rejected events over all events seen, per home and domain.");
        _outOfRange = _meter.CreateCounter<long>("haingestor.quality.out_of_range", "{event}", "Numeric states outside their device class's plausible range (tag device_class); never dropped.");
        _meter.CreateObservableGauge("haingestor.quality.entities", ObserveEntities, "{entity}", "Tracked entities per home and quality status, as of the last evaluation.");
    }

    /// <summary>The options in force.</summary>
    public QualityOptions Options { get; }

    /// <summary>Entities tracked now.</summary>
    public int EntityCount => Volatile.Read(ref _entityCount);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>The home for a name as the event carries it (UTF-8); homes beyond the bound share one entry.</summary>
    private HomeQuality Home(ReadOnlySpan<byte> name)
    {
        if (_homeLookup.TryGetValue(name, out var home))
        {
            return home;
        }

        if (_homes.Count >= MaxHomes)
        {
            name = Encoding.UTF8.GetBytes(OverflowHome);
            if (_homeLookup.TryGetValue(name, out home))
            {
                return home;
            }
        }

        return _homes.GetOrAdd(name.ToArray(), static key => new HomeQuality(Encoding.UTF8.GetString(key)));
    }

    private HomeQuality Home(string name) => Home(Encoding.UTF8.GetBytes(name));

    private IEnumerable<Measurement<long>> ObserveEvents()
    {
        foreach (var c in Counts())
        {
            yield return Outcome(c, "accepted", null, c.Accepted);
            yield return Outcome(c, "skipped", null, c.Skipped);
            foreach (var (reason, count) in c.DeadLetteredByReason)
            {
                yield return Outcome(c, "dead_lettered", reason, count);
            }

            foreach (var (reason, count) in c.Rejected)
            {
                yield return Outcome(c, "rejected", reason, count);
            }
        }

        static Measurement<long> Outcome(DomainQualityCounts counts, string outcome, string? reason, long value) => new(
            value,
            new KeyValuePair<string, object?>("home", counts.Home),
            new KeyValuePair<string, object?>("domain", counts.Domain),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("reason", reason ?? "none"));
    }

    private IEnumerable<Measurement<double>> ObserveRejectedRatio() =>
        [.. Counts().Select(c => new Measurement<double>(
            c.RejectedRatio,
            new KeyValuePair<string, object?>("home", c.Home),
            new KeyValuePair<string, object?>("domain", c.Domain)))];

    private IEnumerable<Measurement<int>> ObserveEntities()
    {
        foreach (var home in _homes.Values)
        {
            int[] counts;
            lock (home.Gate)
            {
                counts = (int[])home.StatusCounts.Clone();
            }

            for (var status = 0; status < counts.Length; status++)
            {
                yield return new Measurement<int>(
                    counts[status],
                    new KeyValuePair<string, object?>("home", home.Name),
                    new KeyValuePair<string, object?>("status", QualityStatusNames.Name((QualityStatus)status)));
            }
        }
    }
}
