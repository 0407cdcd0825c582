using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Recognises Home Assistant's re-announcement of an unchanged entity: when HA starts, its state machine is empty and
/// every entity is set afresh, so each arrives as a <c>state_changed</c> with <c>old_state</c> null, new timestamps and
/// the state and attributes it had before. Such an event, and a catch-up snapshot alike, is a duplicate when its state
/// and attributes hash to what was last passed on for the entity. Keeps one 64-bit hash per entity, up to a bound.
/// </summary>
internal sealed class RestartDuplicateFilter(int maxEntities)
{
    private readonly ConcurrentDictionary<string, ulong> _last = new(StringComparer.Ordinal);

    /// <summary>Entities whose last state is known.</summary>
    public int Count => _last.Count;

    /// <summary>
    /// Looks at one event message. Returns true when it is a re-announcement of the last known state (skip it);
    /// otherwise remembers its state for the entity (or forgets the entity when it was removed) and returns false.
    /// </summary>
    public bool IsDuplicate(ReadOnlySpan<byte> eventMessage, string entityId) =>
        TryReadStateChange(eventMessage, out var oldStateNull, out var hash) && IsDuplicate(entityId, oldStateNull, hash);

    /// <summary>
    /// The same from what the frame reader found in its pass (<see cref="HaMessage.StateChange"/>): the message is
    /// not read again.
    /// </summary>
    public bool IsDuplicate(in HaMessage message, string entityId)
    {
        if (message.StateChange is not { } shape)
        {
            return false;
        }

        var json = message.Json.Span;
        ulong? hash = shape.NewStateRemoved ? null : Hash(json[shape.State], json[shape.Attributes]);
        return IsDuplicate(entityId, shape.OldStateNull, hash);
    }

    /// <summary>
    /// The same for a <c>get_states</c> snapshot, hashed from the bytes Home Assistant sent (the synthesized event
    /// is re-serialized, which may escape differently).
    /// </summary>
    public bool IsDuplicateSnapshot(JsonElement state, string entityId)
    {
        if (!state.TryGetProperty("state"u8, out var value))
        {
            return false;
        }

        var attributes = state.TryGetProperty("attributes"u8, out var a) ? JsonMarshal.GetRawUtf8Value(a) : default;
        return IsDuplicate(entityId, oldStateNull: true, Hash(JsonMarshal.GetRawUtf8Value(value), attributes));
    }

    private bool IsDuplicate(string entityId, bool oldStateNull, ulong? hash)
    {
        if (hash is not { } digest)
        {
            _last.TryRemove(entityId, out _);
            return false;
        }

        if (oldStateNull && _last.TryGetValue(entityId, out var known) && known == digest)
        {
            return true;
        }

        Remember(entityId, digest);
        return false;
    }

    private void Remember(string entityId, ulong digest)
    {
        // Bounded: past the limit new entities are not tracked, so their events are always written.
        if (_last.Count < maxEntities || _last.ContainsKey(entityId))
        {
            _last[entityId] = digest;
        }
    }

    /// <summary>The hash of the raw bytes of <c>state</c> and <c>attributes</c>, as Home Assistant serialised them.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> state, ReadOnlySpan<byte> attributes) =>
        XxHash3.HashToUInt64(attributes, unchecked((long)XxHash3.HashToUInt64(state)));

    /// <summary>
    /// Reads <c>event.data.old_state</c> (null or not) and the hash of <c>event.data.new_state</c>'s state and
    /// attributes (null when new_state is null) without allocating. False for anything but a state change.
    /// </summary>
    internal static bool TryReadStateChange(ReadOnlySpan<byte> message, out bool oldStateNull, out ulong? hash)
    {
        oldStateNull = false;
        hash = null;
        var sawOld = false;
        var sawNew = false;
        var reader = new Utf8JsonReader(message);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !Descend(ref reader, "event"u8) || !Descend(ref reader, "data"u8))
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("old_state"u8))
                {
                    reader.Read();
                    sawOld = true;
                    oldStateNull = reader.TokenType == JsonTokenType.Null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("new_state"u8))
                {
                    reader.Read();
                    sawNew = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (!TryHashState(ref reader, message, out var digest))
                        {
                            return false;
                        }

                        hash = digest;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return sawOld && sawNew;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Moves into the object value of property <paramref name="name"/> of the current object.</summary>
    private static bool Descend(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return reader.TokenType == JsonTokenType.StartObject;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool TryHashState(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, out ulong digest)
    {
        ReadOnlySpan<byte> state = default;
        ReadOnlySpan<byte> attributes = default;
        var sawState = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isState = reader.ValueTextEquals("state"u8);
            var isAttributes = !isState && reader.ValueTextEquals("attributes"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var raw = message[start..(int)reader.BytesConsumed];
            if (isState)
            {
                state = raw;
                sawState = true;
            }
            else if (isAttributes)
            {
                attributes = raw;
            }
        }

        digest = sawState ? Hash(state, attributes) : 0;
        return sawState;
    }
}
