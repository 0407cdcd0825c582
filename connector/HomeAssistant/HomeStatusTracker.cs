namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// The live counters of one connection. Written by the receive loop without locks (one writer per counter
/// path), read by health and metrics at any time.
/// </summary>
internal sealed class HomeStatusTracker(string? home, TimeProvider timeProvider)
{
    private const long None = long.MinValue;

    private long _eventsReceived;
    private long _eventsFiltered;
    private long _catchUpEvents;
    private long _restartDuplicates;
    private long _reconnects;
    private long _authFailures;
    private long _malformed;
    private long _lastEventTicks = None;
    private long _connectedSinceTicks = None;
    private int _state = (int)HomeAssistantConnectionState.Connecting;
    private string? _lastError;
    private string? _haVersion;
    private IReadOnlyList<string> _subscribed = [];
    private IReadOnlyList<string> _refused = [];

    public string? Home { get; } = home;

    public HomeAssistantConnectionState State => (HomeAssistantConnectionState)Volatile.Read(ref _state);

    public long EventsReceived => Interlocked.Read(ref _eventsReceived);

    public long EventsFiltered => Interlocked.Read(ref _eventsFiltered);

    public long CatchUpEvents => Interlocked.Read(ref _catchUpEvents);

    public long RestartDuplicates => Interlocked.Read(ref _restartDuplicates);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long AuthFailures => Interlocked.Read(ref _authFailures);

    public long MalformedMessages => Interlocked.Read(ref _malformed);

    public void SetState(HomeAssistantConnectionState state)
    {
        Volatile.Write(ref _state, (int)state);
        if (state != HomeAssistantConnectionState.Connected)
        {
            Interlocked.Exchange(ref _connectedSinceTicks, None);
        }
    }

    public void OnConnected(string? haVersion, bool isReconnect)
    {
        Volatile.Write(ref _haVersion, haVersion);
        Volatile.Write(ref _lastError, null);
        Interlocked.Exchange(ref _connectedSinceTicks, timeProvider.GetUtcNow().UtcTicks);
        if (isReconnect)
        {
            Interlocked.Increment(ref _reconnects);
        }

        Volatile.Write(ref _state, (int)HomeAssistantConnectionState.Connected);
    }

    public void OnEvent(bool filtered, bool catchUp)
    {
        Interlocked.Increment(ref _eventsReceived);
        Interlocked.Exchange(ref _lastEventTicks, timeProvider.GetUtcNow().UtcTicks);
        if (filtered)
        {
            Interlocked.Increment(ref _eventsFiltered);
        }

        if (catchUp)
        {
            Interlocked.Increment(ref _catchUpEvents);
        }
    }

    public void OnSubscriptions(SubscriptionOutcome outcome)
    {
        Volatile.Write(ref _subscribed, outcome.Subscribed);
        Volatile.Write(ref _refused, outcome.Refused);
    }

    public void OnRestartDuplicate() => Interlocked.Increment(ref _restartDuplicates);

    public void OnMalformed() => Interlocked.Increment(ref _malformed);

    public void OnAuthFailure(string error)
    {
        Interlocked.Increment(ref _authFailures);
        Volatile.Write(ref _lastError, error);
        SetState(HomeAssistantConnectionState.AuthFailed);
    }

    public void OnError(string error) => Volatile.Write(ref _lastError, error);

    public HomeAssistantHomeStatus Snapshot() => new(
        Home,
        State,
        ToTime(Interlocked.Read(ref _connectedSinceTicks)),
        ToTime(Interlocked.Read(ref _lastEventTicks)),
        EventsReceived,
        EventsFiltered,
        CatchUpEvents,
        Reconnects,
        AuthFailures,
        MalformedMessages,
        Volatile.Read(ref _lastError),
        Volatile.Read(ref _haVersion))
    {
        SubscribedEventTypes = Volatile.Read(ref _subscribed),
        RefusedEventTypes = Volatile.Read(ref _refused),
        RestartDuplicates = RestartDuplicates,
    };

    private static DateTimeOffset? ToTime(long ticks) => ticks == None ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
