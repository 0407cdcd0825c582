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
        var fields = default(Fields);
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
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isEvent || fields.EventType is null || fields.TimeFired is not { } timeFired)
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

    private static void ReadEvent(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                reader.Read();
                fields.EventType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("time_fired"u8))
            {
                reader.Read();
                fields.TimeFired = ReadTimestamp(ref reader);
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                fields.ContextId = ReadMember(ref reader, "id"u8);
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

    private static void ReadData(ref Utf8JsonReader reader, ref Fields fields)
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
                fields.EntityId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("new_state"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isLastUpdated = reader.ValueTextEquals("last_updated"u8);
                    reader.Read();
                    if (isLastUpdated)
                    {
                        fields.LastUpdated = ReadTimestamp(ref reader);
                    }
                    else
                    {
                        reader.Skip();
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
    private static string? ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
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
                result = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
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
            text = buffer[..reader.CopyString(buffer)];
        }
        else
        {
            return null;
        }

        return TimestampParser.TryParse(text, out var value) ? value : null;
    }

    private struct Fields
    {
        public string? EventType;
        public string? EntityId;
        public string? ContextId;
        public DateTimeOffset? TimeFired;
        public DateTimeOffset? LastUpdated;
    }
}
