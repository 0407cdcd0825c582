using HaIngestor.Simulator.Protocol;

namespace HaIngestor.Simulator.Home;

/// <summary>An event plus its JSON, serialized once however many connections receive it (as HA caches it).</summary>
internal sealed class PublishedEvent(HaEvent haEvent)
{
    private byte[]? _eventJson;
    private byte[]? _entityUpdateJson;

    public HaEvent Event { get; } = haEvent;

    /// <summary>The event object as it appears under "event" in an event message.</summary>
    public byte[] EventJson => _eventJson ??= HaJson.WriteUtf8(w => HaJson.WriteEvent(w, Event));

    /// <summary>For state_changed: the subscribe_entities payload ("a", "c" or "r").</summary>
    public byte[]? EntityUpdateJson =>
        Event.EventType == "state_changed"
            ? _entityUpdateJson ??= CompressedStates.ForChange(Event.OldState, Event.NewState, Event.Data)
            : null;

    /// <summary>The entity this event is about, when it is a state_changed event.</summary>
    public string? EntityId => Event.Data.TryGetValue("entity_id", out var id) ? id as string : null;
}
