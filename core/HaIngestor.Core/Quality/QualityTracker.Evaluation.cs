namespace HaIngestor.Core.Quality;

public sealed partial class QualityTracker
{
    private readonly List<(string Home, string EntityId)> _forgotten = [];

    /// <summary>
    /// Works out every entity's status against its home's clock and returns the entities whose status changed since
    /// the last evaluation (each reported once). Entities not seen for <see cref="QualityOptions.StateTimeToLive"/>
    /// are forgotten (see <see cref="TakeForgotten"/>).
    /// </summary>
    public IReadOnlyList<EntityQualityReport> Evaluate()
    {
        var wall = _timeProvider.GetUtcNow().UtcTicks;
        var ttl = Options.StateTimeToLive.Ticks;
        var changes = new List<EntityQualityReport>();
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                var now = Math.Min(Volatile.Read(ref home.LatestTicks), wall);
                Array.Clear(home.StatusCounts);
                foreach (var (key, entity) in home.Entities)
                {
                    if (entity.LastSeenTicks != 0 && wall - entity.LastSeenTicks > ttl)
                    {
                        home.Entities.Remove(key);
                        Interlocked.Decrement(ref _entityCount);
                        lock (_forgotten)
                        {
                            _forgotten.Add((home.Name, entity.EntityId));
                        }

                        continue;
                    }

                    var report = Report(home, entity, now, entity.Status);
                    home.StatusCounts[(int)report.Status]++;
                    if (report.Status != entity.Status)
                    {
                        entity.Status = report.Status;
                        changes.Add(report);
                    }
                }
            }
        }

        return changes;
    }

    /// <summary>
    /// Undoes reported changes that could not be written (e.g. the sink was unavailable), so the next evaluation
    /// reports them again.
    /// </summary>
    public void Revert(IEnumerable<EntityQualityReport> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var home = Home(change.Home);
            lock (home.Gate)
            {
                if (home.EntityLookup.TryGetValue(System.Text.Encoding.UTF8.GetBytes(change.EntityId), out var entity) && entity.Status == change.Status)
                {
                    entity.Status = change.PreviousStatus;
                }
            }
        }
    }

    /// <summary>Entities forgotten by evaluations since the last call (to delete from shared state).</summary>
    public IReadOnlyList<(string Home, string EntityId)> TakeForgotten()
    {
        lock (_forgotten)
        {
            var taken = _forgotten.ToArray();
            _forgotten.Clear();
            return taken;
        }
    }

    /// <summary>Entities whose status, as of the last evaluation, is not ok, worst first then by home and entity.</summary>
    public IReadOnlyList<EntityQualityReport> Problems()
    {
        var wall = _timeProvider.GetUtcNow().UtcTicks;
        var problems = new List<EntityQualityReport>();
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                var now = Math.Min(Volatile.Read(ref home.LatestTicks), wall);
                foreach (var entity in home.Entities.Values)
                {
                    if (entity.Status != QualityStatus.Ok)
                    {
                        problems.Add(Report(home, entity, now, entity.Status) with { Status = entity.Status });
                    }
                }
            }
        }

        return problems
            .OrderByDescending(p => p.Status)
            .ThenBy(p => p.Home, StringComparer.Ordinal)
            .ThenBy(p => p.EntityId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One entity's quality now (its status as of the last evaluation); null when it is not tracked.</summary>
    public EntityQualityReport? Entity(string home, string entityId)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(entityId);
        if (!_homeLookup.TryGetValue(System.Text.Encoding.UTF8.GetBytes(home), out var state))
        {
            return null;
        }

        lock (state.Gate)
        {
            if (!state.EntityLookup.TryGetValue(System.Text.Encoding.UTF8.GetBytes(entityId), out var entity))
            {
                return null;
            }

            var now = Math.Min(Volatile.Read(ref state.LatestTicks), _timeProvider.GetUtcNow().UtcTicks);
            return Report(state, entity, now, entity.Status) with { Status = entity.Status };
        }
    }

    /// <summary>Entities per status as of the last evaluation.</summary>
    public QualityTotals StatusTotals()
    {
        var counts = new int[4];
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] += home.StatusCounts[i];
                }
            }
        }

        return new QualityTotals(counts[0], counts[1], counts[2], counts[3], Interlocked.Read(ref _untracked));
    }

    /// <summary>What happened to the events, per home and domain, since start.</summary>
    public IReadOnlyList<DomainQualityCounts> Counts()
    {
        var all = new List<DomainQualityCounts>();
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                all.AddRange(home.Domains.Values.Select(d => d.Snapshot()));
            }
        }

        return all.OrderBy(c => c.Home, StringComparer.Ordinal).ThenBy(c => c.Domain, StringComparer.Ordinal).ToList();
    }

    private EntityQualityReport Report(HomeQuality home, EntityQuality entity, long now, QualityStatus previous)
    {
        var silentAfter = entity.SilentAfter(Options);
        var lastSeen = new DateTimeOffset(entity.LastSeenTicks, TimeSpan.Zero);
        var age = TimeSpan.FromTicks(Math.Max(0, now - entity.LastSeenTicks));
        var stuck = entity.UnavailableSinceTicks != 0 && now - entity.UnavailableSinceTicks >= Options.StuckUnavailableAfter.Ticks;

        // After a whole-home outage every entity gets its bound again from the resumption (it may not have changed
        // meanwhile); one already silent stays silent until it reports. An unavailable entity is not expected to
        // report: it becomes stuck instead.
        var since = Math.Max(entity.LastSeenTicks, Volatile.Read(ref home.ResumedTicks));
        var silent = entity.UnavailableSinceTicks == 0
            && (now - since > silentAfter.Ticks || (entity.Status == QualityStatus.Silent && age > silentAfter));
        var status = stuck ? QualityStatus.StuckUnavailable
            : silent ? QualityStatus.Silent
            : entity.OutOfRange ? QualityStatus.OutOfRange
            : QualityStatus.Ok;

        // The point's time is when the status became true, from event times only, so re-evaluating (or another
        // instance evaluating the same state) writes the same point.
        var at = status switch
        {
            QualityStatus.StuckUnavailable => new DateTimeOffset(entity.UnavailableSinceTicks, TimeSpan.Zero) + Options.StuckUnavailableAfter,
            QualityStatus.Silent => new DateTimeOffset(since, TimeSpan.Zero) + silentAfter,
            _ => lastSeen,
        };
        return new EntityQualityReport(
            home.Name,
            entity.EntityId,
            entity.Domain,
            status,
            previous,
            at,
            lastSeen,
            age,
            silentAfter,
            entity.TypicalInterval(Options.LearnAfterIntervals),
            entity.UnavailableRatio,
            double.IsNaN(entity.LastValue) ? null : entity.LastValue,
            silent,
            stuck,
            entity.OutOfRange);
    }
}
