namespace HaIngestor.Simulator.Home;

/// <summary>An event on the simulated bus, as <c>Event.as_dict()</c> describes it.</summary>
/// <remarks>
/// <paramref name="Data"/> values may be strings, numbers, booleans, null, lists, nested dictionaries or
/// <see cref="HaState"/>; for <c>state_changed</c> the old and new states are kept alongside for the entity stream.
/// </remarks>
public sealed record HaEvent(
    string EventType,
    IReadOnlyDictionary<string, object?> Data,
    DateTimeOffset TimeFired,
    HaContext Context)
{
    /// <summary>Where the event came from; HA uses LOCAL for events fired inside the instance.</summary>
    public string Origin { get; init; } = "LOCAL";

    /// <summary>For state_changed: the state before the change (null when the entity was added).</summary>
    public HaState? OldState { get; init; }

    /// <summary>For state_changed: the state after the change (null when the entity was removed).</summary>
    public HaState? NewState { get; init; }
}
