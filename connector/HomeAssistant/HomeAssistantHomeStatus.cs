namespace HaIngestor.Connector.HomeAssistant;

/// <summary>A snapshot of one Home Assistant connection, for health output and metrics. Never holds the token.</summary>
/// <param name="Home">The instance's <c>home</c> name, or null for a single unnamed instance.</param>
/// <param name="State">Connection state.</param>
/// <param name="ConnectedSince">When the current connection was established; null when not connected.</param>
/// <param name="LastEventAt">When the last event was received (connector clock); null before the first.</param>
/// <param name="EventsReceived">Events received (live and catch-up), including filtered ones.</param>
/// <param name="EventsFiltered">Events dropped by the include/exclude filter.</param>
/// <param name="CatchUpEvents">Events synthesized from <c>get_states</c> after a gap.</param>
/// <param name="Reconnects">Connections established after the first one.</param>
/// <param name="AuthFailures">Times the token was rejected.</param>
/// <param name="MalformedMessages">Frames or messages that could not be read (skipped, connection kept).</param>
/// <param name="LastError">The last connection error, without secrets; null when none.</param>
/// <param name="HaVersion">The Home Assistant version reported at auth; null before.</param>
public sealed record HomeAssistantHomeStatus(
    string? Home,
    HomeAssistantConnectionState State,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastEventAt,
    long EventsReceived,
    long EventsFiltered,
    long CatchUpEvents,
    long Reconnects,
    long AuthFailures,
    long MalformedMessages,
    string? LastError,
    string? HaVersion)
{
    /// <summary>The name to display: <see cref="Home"/> or <c>default</c>.</summary>
    public string DisplayName => Home ?? "default";

    /// <summary>Event types subscribed on the current or last connection (<c>*</c> for all).</summary>
    public IReadOnlyList<string> SubscribedEventTypes { get; init; } = [];

    /// <summary>Configured event types Home Assistant refused (<c>unauthorized</c>: the token's user is not an admin).</summary>
    public IReadOnlyList<string> RefusedEventTypes { get; init; } = [];

    /// <summary>Restart re-announcements of unchanged entities skipped (see <c>HomeAssistant:SkipRestartDuplicates</c>).</summary>
    public long RestartDuplicates { get; init; }

    /// <summary>True when connected.</summary>
    public bool IsConnected => State == HomeAssistantConnectionState.Connected;
}
