using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Splits a WebSocket text frame, a single message object or a coalesced JSON array of them
/// (<c>supported_features</c> / <c>coalesce_messages</c>), into messages without copying.
/// </summary>
public static class HaFrameReader
{
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Appends every message of <paramref name="frame"/> to <paramref name="messages"/>.
    /// Returns false (and appends nothing) when the frame is not valid JSON or not an object or array of objects;
    /// <paramref name="error"/> then says why. Never throws on bad input.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> frame, List<HaMessage> messages, out string? error)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var before = messages.Count;
        try
        {
            error = ReadFrame(frame, messages);
        }
        catch (JsonException ex)
        {
            error = $"Malformed JSON at byte {ex.BytePositionInLine}: {FirstSentence(ex.Message)}";
        }

        if (error is null)
        {
            return true;
        }

        messages.RemoveRange(before, messages.Count - before);
        return false;
    }

    private static string? ReadFrame(ReadOnlyMemory<byte> frame, List<HaMessage> messages)
    {
        var reader = new Utf8JsonReader(frame.Span, ReaderOptions);
        if (!reader.Read())
        {
            return "Empty frame.";
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            messages.Add(ReadMessage(ref reader, frame));
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return $"Array element of kind {reader.TokenType} is not a message object.";
                }

                messages.Add(ReadMessage(ref reader, frame));
            }
        }
        else
        {
            return $"Frame of kind {reader.TokenType} is neither a message object nor an array of them.";
        }

        // Trailing content after the top-level value is malformed; Read throws on it.
        return reader.Read() ? "Unexpected content after the message." : null;
    }

    /// <summary>
    /// Reads one message object; the reader is on its StartObject and ends on its EndObject. The <c>event</c> member
    /// is read for the <see cref="EventHeader"/> on the way (it would be skipped token by token anyway), so an event
    /// message is read once for both.
    /// </summary>
    private static HaMessage ReadMessage(ref Utf8JsonReader reader, ReadOnlyMemory<byte> frame)
    {
        var start = (int)reader.TokenStartIndex;
        var type = HaMessageType.Unknown;
        long id = 0;
        var members = 0;
        var hasIngestor = false;
        var fields = default(EventHeader.HeaderFields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            members++;
            if (JsonNames.Is(ref reader, "event"u8))
            {
                EventHeader.ReadEventMember(ref reader, ref fields);
            }
            else if (JsonNames.Is(ref reader, "type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    type = ParseType(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (JsonNames.Is(ref reader, "id"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out id))
                {
                    id = 0;
                    reader.Skip();
                }
            }
            else
            {
                hasIngestor |= JsonNames.Is(ref reader, "ingestor"u8);
                reader.Read();
                reader.Skip();
            }
        }

        var end = (int)reader.BytesConsumed;
        EventHeader? header = type == HaMessageType.Event && EventHeader.TryCreate(isEvent: true, fields, out var read) ? read : null;
        return new HaMessage(type, id, frame[start..end])
        {
            Header = header,
            StateChange = header is { EventType: "state_changed" } ? StateChangeShape.From(fields, start) : null,
            MemberCount = members,
            HasIngestorMember = hasIngestor,
        };
    }

    internal static HaMessageType ParseType(ref Utf8JsonReader reader)
    {
        if (JsonNames.Is(ref reader, "event"u8))
        {
            return HaMessageType.Event;
        }

        if (JsonNames.Is(ref reader, "result"u8))
        {
            return HaMessageType.Result;
        }

        if (JsonNames.Is(ref reader, "pong"u8))
        {
            return HaMessageType.Pong;
        }

        if (JsonNames.Is(ref reader, "auth_required"u8))
        {
            return HaMessageType.AuthRequired;
        }

        if (JsonNames.Is(ref reader, "auth_ok"u8))
        {
            return HaMessageType.AuthOk;
        }

        return JsonNames.Is(ref reader, "auth_invalid"u8) ? HaMessageType.AuthInvalid : HaMessageType.Unknown;
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }
}
