namespace HaIngestor.Core.Parsing;

/// <summary>
/// What the connector needs to route an event without running the pipeline: its type, entity, time and context.
/// Read from an event message (<c>{"id":..,"type":"event","event":{...}}</c>, optionally wrapped by <see cref="IngestEnvelope"/>).
/// </summary>
/// <param name="EventType">The event's <c>event_type</c>.</param>
/// <param name="EntityId">For <c>state_changed</c> the entity id; null for other event types.</param>
/// <param name="TimeFired">The event's <c>time_fired</c>, in UTC.</param>
/// <param name="ContextId">The HA context id (a ULID), when present.</param>
/// <param name="LastUpdated">For <c>state_changed</c>, the new state's <c>last_updated</c> (UTC), when present.</param>
public readonly record struct EventHeader(
    string EventType,
    string? EntityId,
    DateTimeOffset TimeFired,
    string? ContextId,
    DateTimeOffset? LastUpdated)
{
    /// <summary>Reads the header of an event message; false when it is not a readable event message. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> eventMessage, out EventHeader header)
    {
        throw new NotImplementedException();
    }
}
