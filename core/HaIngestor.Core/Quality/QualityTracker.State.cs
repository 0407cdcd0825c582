using System.Text;

namespace HaIngestor.Core.Quality;

public sealed partial class QualityTracker
{
    /// <summary>
    /// The state to share since the last call: entities that changed (encoded), every home's clock, and every
    /// entity's current status. Clears the entities' changed marks.
    /// </summary>
    public SharedQualityState TakeChanged()
    {
        var entities = new List<SharedEntityState>();
        var clocks = new List<SharedHomeClock>();
        var statuses = new List<SharedEntityStatus>();
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                var latest = Volatile.Read(ref home.LatestTicks);
                if (latest > 0)
                {
                    clocks.Add(new SharedHomeClock(home.Name, new DateTimeOffset(latest, TimeSpan.Zero)));
                }

                foreach (var entity in home.Entities.Values)
                {
                    if (entity.Dirty)
                    {
                        entity.Dirty = false;
                        entities.Add(new SharedEntityState(home.Name, entity.EntityId, EntityQualityCodec.Encode(entity)));
                    }
                }
            }
        }

        return new SharedQualityState(entities, clocks, statuses);
    }

    /// <summary>Marks the entities of a <see cref="TakeChanged"/> result changed again (their save failed).</summary>
    public void MarkChanged(SharedQualityState taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        foreach (var state in taken.Entities)
        {
            var home = Home(state.Home);
            lock (home.Gate)
            {
                if (home.EntityLookup.TryGetValue(Encoding.UTF8.GetBytes(state.EntityId), out var entity))
                {
                    entity.Dirty = true;
                }
            }
        }
    }

    /// <summary>Every entity's current status (as of the last evaluation), to share after an evaluation.</summary>
    public IReadOnlyList<SharedEntityStatus> Statuses()
    {
        var statuses = new List<SharedEntityStatus>();
        foreach (var home in _homes.Values)
        {
            lock (home.Gate)
            {
                statuses.AddRange(home.Entities.Values.Select(e => new SharedEntityStatus(home.Name, e.EntityId, e.Status)));
            }
        }

        return statuses;
    }

    /// <summary>
    /// Takes in state shared by other instances (or by this one before a restart): an entity's state replaces the
    /// local one when it was seen later; home clocks only move forward; a shared status is the one last reported,
    /// so a change another instance reported is not reported again. Unreadable entries are ignored.
    /// </summary>
    public void Merge(SharedQualityState shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        foreach (var clock in shared.HomeClocks)
        {
            AdvanceClock(Home(clock.Home), clock.Latest.UtcTicks);
        }

        foreach (var state in shared.Entities)
        {
            var home = Home(state.Home);
            var key = Encoding.UTF8.GetBytes(state.EntityId);
            lock (home.Gate)
            {
                if (home.EntityLookup.TryGetValue(key, out var entity))
                {
                    var incoming = new EntityQuality(state.EntityId);
                    if (EntityQualityCodec.TryDecode(state.State, incoming) && incoming.LastSeenTicks > entity.LastSeenTicks)
                    {
                        EntityQualityCodec.TryDecode(state.State, entity);
                    }

                    continue;
                }

                if (_entityCount >= Options.MaxEntities || state.EntityId.IndexOf('.', StringComparison.Ordinal) <= 0)
                {
                    continue;
                }

                entity = new EntityQuality(state.EntityId);
                if (EntityQualityCodec.TryDecode(state.State, entity))
                {
                    home.Entities.Add(key, entity);
                    Interlocked.Increment(ref _entityCount);
                }
            }
        }

        foreach (var status in shared.Statuses)
        {
            var home = Home(status.Home);
            lock (home.Gate)
            {
                if (home.EntityLookup.TryGetValue(Encoding.UTF8.GetBytes(status.EntityId), out var entity) && Enum.IsDefined(status.Status))
                {
                    entity.Status = status.Status;
                }
            }
        }
    }
}
