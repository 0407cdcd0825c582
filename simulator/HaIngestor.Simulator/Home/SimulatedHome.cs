using HaIngestor.Simulator.Protocol;

namespace HaIngestor.Simulator.Home;

/// <summary>
/// The state machine and event bus of the simulated instance. One lock orders every change and every fan-out,
/// like HA's single event loop: all listeners see events in the same order, and a snapshot never tears.
/// </summary>
internal sealed class SimulatedHome
{
    private readonly Dictionary<string, HaState> _states = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly ContextIdFactory _contextIds;
    private IEventListener[] _listeners = [];
    private long _eventsFired;

    public SimulatedHome(TimeProvider time, int seed, string userId)
    {
        Time = time;
        Seed = seed;
        Random = new Random(seed);
        _contextIds = new ContextIdFactory(Random);
        UserId = userId;
    }

    /// <summary>The lock every change and fan-out happens under.</summary>
    public Lock Gate { get; } = new();

    public TimeProvider Time { get; }

    /// <summary>The seed of <see cref="Random"/>.</summary>
    public int Seed { get; }

    /// <summary>The seeded random source; only used under <see cref="Gate"/>, which keeps runs reproducible.</summary>
    public Random Random { get; }

    /// <summary>The id of the user the access token belongs to (contexts of WebSocket commands carry it).</summary>
    public string UserId { get; }

    public List<SimArea> Areas { get; } = [];

    public List<SimDevice> Devices { get; } = [];

    /// <summary>The area a device is in: its own, else its parent's (and so on up the chain).</summary>
    public string? EffectiveAreaOf(SimDevice device)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var d = device; d is not null && seen.Add(d.Id); d = d.ParentDeviceId is { } p ? Devices.Find(x => x.Id == p) : null)
        {
            if (d.AreaId is not null)
            {
                return d.AreaId;
            }
        }

        return null;
    }

    public List<SimEntity> Entities { get; } = [];

    public long EventsFired => Interlocked.Read(ref _eventsFired);

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    public DateTimeOffset Now() => HaJson.ToMicroseconds(Time.GetUtcNow());

    public HaContext NewContext(string? parentId = null, string? userId = null) =>
        new(_contextIds.NewId(Time.GetUtcNow()), parentId, userId);

    public void AddListener(IEventListener listener)
    {
        lock (Gate)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    public void RemoveListener(IEventListener listener)
    {
        lock (Gate)
        {
            _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
        }
    }

    public HaState? GetState(string entityId)
    {
        lock (Gate)
        {
            return _states.GetValueOrDefault(entityId);
        }
    }

    public List<HaState> Snapshot()
    {
        lock (Gate)
        {
            return [.. _order.Select(id => _states[id])];
        }
    }

    /// <summary>
    /// Writes a state as HA's <c>async_set</c> does: last_changed moves only when the state string changes,
    /// last_updated when state or attributes change; an identical write only touches last_reported and fires nothing.
    /// </summary>
    public HaState SetState(string entityId, string state, IReadOnlyDictionary<string, object?>? attributes, HaContext? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length > 255)
        {
            throw new ArgumentException("A state is at most 255 characters, as in Home Assistant.", nameof(state));
        }

        lock (Gate)
        {
            var old = _states.GetValueOrDefault(entityId);
            var attrs = attributes ?? old?.Attributes ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            var now = Now();
            if (old is not null && now <= old.LastUpdated)
            {
                // Two writes of one entity within the same microsecond would share a timestamp; HA's clock never
                // repeats for one entity in practice, so keep each entity's timeline strictly increasing.
                now = old.LastUpdated.AddTicks(10);
            }

            var sameState = old is not null && string.Equals(old.State, state, StringComparison.Ordinal);
            if (sameState && AttributesEqual(old!.Attributes, attrs))
            {
                _states[entityId] = old with { LastReported = now };
                return _states[entityId];
            }

            var ctx = context ?? NewContext();
            var updated = new HaState(
                entityId,
                state,
                attrs,
                sameState ? old!.LastChanged : now,
                now,
                now,
                ctx);
            if (old is null)
            {
                _order.Add(entityId);
            }

            _states[entityId] = updated;
            FireStateChanged(entityId, old, updated, now, ctx);
            return updated;
        }
    }

    /// <summary>Removes an entity's state (fires state_changed with new_state null).</summary>
    public bool RemoveState(string entityId)
    {
        lock (Gate)
        {
            if (!_states.Remove(entityId, out var old))
            {
                return false;
            }

            _order.Remove(entityId);
            var ctx = NewContext();
            FireStateChanged(entityId, old, null, Now(), ctx);
            return true;
        }
    }

    /// <summary>Announces every entity afresh (old_state null, new timestamps), as HA does while it starts.</summary>
    public int ReannounceAll() => Reannounce(0, int.MaxValue);

    /// <summary>The number of entities with a state (the ones a restart re-announces).</summary>
    public int StateCount
    {
        get
        {
            lock (Gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Announces the entities from position <paramref name="start"/> on, at most <paramref name="count"/>; returns how many.</summary>
    public int Reannounce(int start, int count)
    {
        lock (Gate)
        {
            var now = Now();
            var end = (int)Math.Min(_order.Count, (long)start + count);
            for (var i = start; i < end; i++)
            {
                var entityId = _order[i];
                var previous = _states[entityId];
                var ctx = NewContext();
                var fresh = previous with { LastChanged = now, LastReported = now, LastUpdated = now, Context = ctx };
                _states[entityId] = fresh;
                FireStateChanged(entityId, null, fresh, now, ctx);
            }

            return Math.Max(0, end - start);
        }
    }

    public HaEvent Fire(string eventType, IReadOnlyDictionary<string, object?> data, HaContext? context = null)
    {
        lock (Gate)
        {
            var haEvent = new HaEvent(eventType, data, Now(), context ?? NewContext());
            Publish(haEvent);
            return haEvent;
        }
    }

    private void FireStateChanged(string entityId, HaState? old, HaState? updated, DateTimeOffset when, HaContext ctx)
    {
        var data = new Dictionary<string, object?>(3, StringComparer.Ordinal)
        {
            ["entity_id"] = entityId,
            ["old_state"] = old,
            ["new_state"] = updated,
        };
        Publish(new HaEvent("state_changed", data, when, ctx) { OldState = old, NewState = updated });
    }

    private void Publish(HaEvent haEvent)
    {
        Interlocked.Increment(ref _eventsFired);
        var listeners = _listeners;
        if (listeners.Length == 0)
        {
            return;
        }

        var published = new PublishedEvent(haEvent);
        foreach (var listener in listeners)
        {
            listener.OnEvent(published);
        }
    }

    private static bool AttributesEqual(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !HaJson.ValueEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
