using System.Text.Json;
using HaIngestor.Core.Normalization;

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
    private const string StateChanged = "state_changed";

    /// <summary>Reads the header of an event message; false when it is not a readable event message. Never throws.</summary>
    /// <remarks>Requires <c>"type":"event"</c>, a string <c>event_type</c> and a parseable <c>time_fired</c>.</remarks>
    public static bool TryRead(ReadOnlySpan<byte> eventMessage, out EventHeader header)
    {
        header = default;
        try
        {
            return TryReadCore(eventMessage, out header);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> eventMessage, out EventHeader header)
    {
        header = default;
        var reader = new Utf8JsonReader(eventMessage, HaFrameReader.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var isEvent = false;
        var fields = default(HeaderFields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isEvent = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("event"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                ReadEventMember(ref reader, ref fields);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return TryCreate(isEvent, fields, out header);
    }

    /// <summary>
    /// Reads the value of a message's <c>event</c> member (the reader is on the member name) into
    /// <paramref name="fields"/>; used by <see cref="HaFrameReader"/> so the frame pass reads the header too.
    /// </summary>
    internal static void ReadEventMember(ref Utf8JsonReader reader, ref HeaderFields fields)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadEvent(ref reader, ref fields);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>The header of an event message from the fields read; false when it lacks what a header needs.</summary>
    internal static bool TryCreate(bool isEvent, in HeaderFields fields, out EventHeader header)
    {
        header = default;
        if (!isEvent || fields.Unreadable || fields.EventType is null || fields.TimeFired is not { } timeFired)
        {
            return false;
        }

        var isStateChanged = fields.EventType == "state_changed";
        header = new EventHeader(
            fields.EventType,
            isStateChanged ? fields.EntityId : null,
            timeFired,
            fields.ContextId,
            isStateChanged ? fields.LastUpdated : null);
        return true;
    }

    private static void ReadEvent(ref Utf8JsonReader reader, ref HeaderFields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                reader.Read();
                fields.EventType = reader.TokenType == JsonTokenType.String ? ReadString(ref reader, ref fields) : null;
            }
            else if (reader.ValueTextEquals("time_fired"u8))
            {
                reader.Read();
                fields.TimeFired = ReadTimestamp(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                fields.ContextId = ReadMember(ref reader, "id"u8, ref fields);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                ReadData(ref reader, ref fields);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, ref HeaderFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("entity_id"u8))
            {
                reader.Read();
                fields.EntityId = reader.TokenType == JsonTokenType.String ? ReadString(ref reader, ref fields) : null;
            }
            else if (reader.ValueTextEquals("old_state"u8))
            {
                reader.Read();
                fields.SawOldState = true;
                fields.OldStateNull = reader.TokenType == JsonTokenType.Null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("new_state"u8))
            {
                reader.Read();
                fields.SawNewState = true;
                fields.NewStateIsObject = reader.TokenType == JsonTokenType.StartObject;
                if (!fields.NewStateIsObject)
                {
                    reader.Skip();
                    continue;
                }

                fields.NewStateHasState = false;
                fields.Attributes = default;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isLastUpdated = reader.ValueTextEquals("last_updated"u8);
                    var isState = !isLastUpdated && reader.ValueTextEquals("state"u8);
                    var isAttributes = !isLastUpdated && !isState && reader.ValueTextEquals("attributes"u8);
                    reader.Read();
                    if (isLastUpdated)
                    {
                        fields.LastUpdated = ReadTimestamp(ref reader, ref fields);
                        continue;
                    }

                    // Where the raw values sit, for the restart-duplicate hash: taken here rather than by another read.
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (isState)
                    {
                        fields.State = new Range(start, (int)reader.BytesConsumed);
                        fields.NewStateHasState = true;
                    }
                    else if (isAttributes)
                    {
                        fields.Attributes = new Range(start, (int)reader.BytesConsumed);
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Reads a string member of the object the reader is on; null when absent or not a string.</summary>
    private static string? ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref HeaderFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                result = ReadString(ref reader, ref fields);
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }

    /// <summary>
    /// A string value; a string that cannot be decoded (a lone surrogate escape) marks the fields unreadable instead of
    /// throwing, which leaves the reader where it is so the frame's other messages can still be read.
    /// </summary>
    private static string? ReadString(ref Utf8JsonReader reader, ref HeaderFields fields)
    {
        if (!reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("state_changed"u8))
        {
            // By far the most common event type: one instance instead of one per event.
            return StateChanged;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            fields.Unreadable = true;
            return null;
        }
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, ref HeaderFields fields)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        Span<byte> buffer = stackalloc byte[64];
        scoped ReadOnlySpan<byte> text;
        if (!reader.ValueIsEscaped)
        {
            text = reader.ValueSpan;
        }
        else if (reader.ValueSpan.Length <= buffer.Length)
        {
            try
            {
                text = buffer[..reader.CopyString(buffer)];
            }
            catch (InvalidOperationException)
            {
                fields.Unreadable = true;
                return null;
            }
        }
        else
        {
            return null;
        }

        return TimestampParser.TryParse(text, out var value) ? value : null;
    }

    /// <summary>What a header is made of, as far as read.</summary>
    internal struct HeaderFields
    {
        public string? EventType;
        public string? EntityId;
        public string? ContextId;
        public DateTimeOffset? TimeFired;
        public DateTimeOffset? LastUpdated;

        /// <summary>A string in the header could not be decoded: no header, as <see cref="TryRead"/> would say.</summary>
        public bool Unreadable;

        public bool SawOldState;
        public bool OldStateNull;
        public bool SawNewState;
        public bool NewStateIsObject;
        public bool NewStateHasState;

        /// <summary>The raw <c>new_state.state</c> value (a string with its quotes), in the reader's input.</summary>
        public Range State;

        /// <summary>The raw <c>new_state.attributes</c> value, in the reader's input; default when absent.</summary>
        public Range Attributes;
    }
}
