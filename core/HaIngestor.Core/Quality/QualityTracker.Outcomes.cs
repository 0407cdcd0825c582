using HaIngestor.Core.Normalization;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Validation;

namespace HaIngestor.Core.Quality;

public sealed partial class QualityTracker
{
    /// <summary>
    /// Observes a validated event from the fields the pipeline has already read; gives the counters to record its
    /// outcome on and whether its value is out of range. Called by <see cref="EventPipeline"/> before mapping.
    /// </summary>
    internal DomainCounts ObserveValid(in EventSource source, in EventView view, EventKind kind, DateTimeOffset timestamp, out bool outOfRange)
    {
        outOfRange = false;
        var home = Home(view.Home.IsString ? source.Text(view.Home) : default);
        var ticks = timestamp.UtcTicks;
        AdvanceClock(home, ticks);
        if (kind == EventKind.CallService)
        {
            return Counts(home, source.Text(view.Domain));
        }

        if (kind != EventKind.StateChanged)
        {
            return Counts(home, "other"u8);
        }

        var entityId = source.Text(view.EntityId);
        lock (home.Gate)
        {
            var counts = CountsLocked(home, entityId[..entityId.IndexOf((byte)'.')]);
            var removed = !view.NewState.Self.IsObject;
            if (!home.EntityLookup.TryGetValue(entityId, out var entity))
            {
                if (removed)
                {
                    return counts;
                }

                if (_entityCount >= Options.MaxEntities)
                {
                    Interlocked.Increment(ref _untracked);
                    return counts;
                }

                entity = new EntityQuality(System.Text.Encoding.UTF8.GetString(entityId));
                home.Entities.Add(entityId.ToArray(), entity);
                Interlocked.Increment(ref _entityCount);
            }
            else if (removed)
            {
                // Deleted from Home Assistant: no longer expected to report.
                home.EntityLookup.Remove(entityId);
                Interlocked.Decrement(ref _entityCount);
                return counts;
            }

            outOfRange = Update(entity, source, view, ticks);
            return counts;
        }
    }

    /// <summary>
    /// Observes an event message where the pipeline does not run (the connector publishing to Event Hubs): reads and
    /// validates it as the pipeline would, without mapping. Never throws for bad input.
    /// </summary>
    public void ObserveMessage(ReadOnlySpan<byte> eventMessage)
    {
        var scratch = PipelineScratch.Current;
        if (!System.Text.Unicode.Utf8.IsValid(eventMessage) || !EventReader.TryRead(eventMessage, out var view, scratch.Attributes, isValidUtf8: true))
        {
            Counts(Home(default(ReadOnlySpan<byte>)), "unknown"u8).CountRejected(RejectReason.MalformedJson);
            return;
        }

        try
        {
            var source = new EventSource(eventMessage, scratch);
            var reason = EventValidator.Validate(source, view, out var kind, out var timestamp, out _);
            if (reason != RejectReason.None)
            {
                ObserveRejected(source, view, reason);
                return;
            }

            ObserveValid(source, view, kind, timestamp, out _).Count(ProcessOutcome.Written);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            // A string the reader accepted but cannot unescape (a lone surrogate escape), as in the pipeline.
            Counts(Home(default(ReadOnlySpan<byte>)), "unknown"u8).CountRejected(RejectReason.MalformedJson);
        }
    }

    /// <summary>Counts a rejected event under the home and domain it names, as far as they are readable.</summary>
    internal void ObserveRejected(in EventSource source, in EventView view, RejectReason reason)
    {
        var home = Home(view.Home.IsString && view.Home.Length <= 255 ? source.Text(view.Home) : default);
        scoped ReadOnlySpan<byte> domain = "unknown"u8;
        if (view.EntityId.IsString)
        {
            var entityId = source.Text(view.EntityId);
            if (EntityIdRules.IsValid(entityId, out _))
            {
                domain = entityId[..entityId.IndexOf((byte)'.')];
            }
        }

        Counts(home, domain).CountRejected(reason);
    }

    /// <summary>Counts a dead-lettered event (rare: it reads the message again for its home and domain).</summary>
    public void CountDeadLettered(ReadOnlySpan<byte> eventMessage, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var scratch = PipelineScratch.Current;
        var counts = EventReader.TryRead(eventMessage, out var view, scratch.Attributes)
            ? CountsOf(new EventSource(eventMessage, scratch), view)
            : Counts(Home(default(ReadOnlySpan<byte>)), "unknown"u8);
        counts.CountDeadLettered(reason);
    }

    /// <summary>Counts a dead-lettered event whose message could not be read, under no home and domain <c>unknown</c>.</summary>
    internal void CountDeadLetteredUnread(string reason) => Counts(Home(default(ReadOnlySpan<byte>)), "unknown"u8).CountDeadLettered(reason);

    /// <summary>The counters of the home and domain an event names, as far as they are readable (entity, else service domain).</summary>
    internal DomainCounts CountsOf(in EventSource source, in EventView view)
    {
        scoped ReadOnlySpan<byte> domain = "unknown"u8;
        var home = Home(view.Home.IsString && view.Home.Length <= 255 ? source.Text(view.Home) : default);
        if (view.EntityId.IsString && view.EntityId.Length <= 255)
        {
            var entityId = source.Text(view.EntityId);
            if (EntityIdRules.IsValid(entityId, out _))
            {
                domain = entityId[..entityId.IndexOf((byte)'.')];
            }
        }
        else if (view.Domain.IsString && view.Domain.Length <= 64)
        {
            domain = source.Text(view.Domain);
        }

        return Counts(home, domain);
    }

    private void AdvanceClock(HomeQuality home, long ticks)
    {
        var current = Volatile.Read(ref home.LatestTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref home.LatestTicks, ticks, current);
            if (seen == current)
            {
                if (current != 0 && ticks - current > Options.SilentMinimum.Ticks)
                {
                    Volatile.Write(ref home.ResumedTicks, ticks);
                }

                return;
            }

            current = seen;
        }
    }

    private DomainCounts Counts(HomeQuality home, ReadOnlySpan<byte> domain)
    {
        lock (home.Gate)
        {
            return CountsLocked(home, domain);
        }
    }

    private DomainCounts CountsLocked(HomeQuality home, ReadOnlySpan<byte> domain)
    {
        if (home.DomainLookup.TryGetValue(domain, out var counts))
        {
            return counts;
        }

        if (home.Domains.Count >= HomeQuality.MaxDomains || domain.Length > 64)
        {
            domain = "other"u8;
            if (home.DomainLookup.TryGetValue(domain, out counts))
            {
                return counts;
            }
        }

        counts = new DomainCounts(home.Name, System.Text.Encoding.UTF8.GetString(domain));
        home.Domains.Add(domain.ToArray(), counts);
        return counts;
    }

    /// <summary>Applies one state change at event time <paramref name="ticks"/>; true when its value is out of range.</summary>
    private bool Update(EntityQuality entity, in EventSource source, in EventView view, long ticks)
    {
        if (ticks <= entity.LastSeenTicks)
        {
            // A redelivery or an older event (catch-up after a newer one): nothing new about this entity.
            return entity.OutOfRange && ticks == entity.LastSeenTicks;
        }

        if (entity.LastSeenTicks != 0 && ticks - entity.LastSeenTicks >= _burstGapTicks)
        {
            entity.Intervals.Add(TimeSpan.FromTicks(ticks - entity.LastSeenTicks).TotalSeconds);
            entity.IntervalCount = entity.IntervalCount == int.MaxValue ? int.MaxValue : entity.IntervalCount + 1;
            if (++entity.SinceFade >= IntervalHistogram.HalfLifeIntervals)
            {
                entity.Intervals.Fade();
                entity.SinceFade = 0;
            }
        }

        entity.LastSeenTicks = ticks;
        entity.Dirty = true;
        entity.Changes++;
        var state = source.Text(view.NewState.State);
        if (state.SequenceEqual("unavailable"u8))
        {
            entity.UnavailableChanges++;
            if (entity.UnavailableSinceTicks == 0)
            {
                entity.UnavailableSinceTicks = ticks;
            }
        }
        else
        {
            entity.UnavailableSinceTicks = 0;
            if (state.SequenceEqual("unknown"u8))
            {
                entity.UnknownChanges++;
            }
        }

        if (entity.Changes >= 2 * EntityQuality.ShareHalfLife)
        {
            entity.Changes *= 0.5f;
            entity.UnavailableChanges *= 0.5f;
            entity.UnknownChanges *= 0.5f;
        }

        if (!StateValues.TryParseNumber(state, out var value))
        {
            // unavailable/unknown keep the last number, so a meter's dip is judged against its last real reading.
            if (!StateValues.IsUnavailable(state))
            {
                entity.LastValue = double.NaN;
            }

            entity.OutOfRange = false;
            return false;
        }

        var unit = view.NewState.Unit.IsString ? source.Text(view.NewState.Unit) : default;
        entity.Range = DeviceClassRanges.Classify(
            view.NewState.DeviceClass.IsString ? source.Raw(view.NewState.DeviceClass) : default,
            unit,
            view.NewState.StateClass.IsString ? source.Raw(view.NewState.StateClass) : default);
        var outOfRange = DeviceClassRanges.IsOutOfRange(entity.Range, unit, value, entity.LastValue);
        entity.LastValue = value;
        entity.OutOfRange = outOfRange;
        if (outOfRange)
        {
            _outOfRange.Add(1, new KeyValuePair<string, object?>("device_class", DeviceClassRanges.Name(entity.Range)));
        }

        return outOfRange;
    }
}
