using System.Text.Json;
using System.Text.Unicode;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Reads an event message in one pass into an <see cref="EventView"/> of slices. Member order does not matter;
/// unknown members are skipped. Checks JSON well-formedness only: the meaning is checked by validation. An old state
/// is skipped from its attributes on by a structural scan (EventReader.Skip.cs) that checks strings and brackets
/// but not the tokens between them; its last_updated is then not recorded.
/// </summary>
/// <remarks>
/// Two paths with one result: the fast path (EventReader.Fast.cs, on <see cref="JsonCursor"/>) reads every
/// well-formed message Home Assistant sends; whatever it does not accept goes to the <see cref="Utf8JsonReader"/>
/// path below, which decides and reports. The reader path is also the reference the fast one is tested against.
/// </remarks>
internal static partial class EventReader
{
    /// <summary>False when the message is not well-formed JSON; never throws for bad input.</summary>
    /// <param name="message">The event message.</param>
    /// <param name="view">The slices read.</param>
    /// <param name="attributes">Receives the new state's attributes.</param>
    /// <param name="isValidUtf8">True when the caller has already checked that the message is valid UTF-8.</param>
    public static bool TryRead(ReadOnlySpan<byte> message, out EventView view, AttributeBuffer attributes, bool isValidUtf8 = false)
    {
        view = default;
        attributes.Clear();
        if ((isValidUtf8 || Utf8.IsValid(message)) && TryReadFast(message, ref view, attributes))
        {
            return true;
        }

        // Whatever the fast path does not accept, the reader decides on and reports, from a clean start.
        view = default;
        return TryReadWithReader(message, ref view, attributes);
    }

    /// <summary>The reader path: <see cref="TryRead"/> for the messages the fast path leaves to it.</summary>
    internal static bool TryReadWithReader(ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        attributes.Clear();
        try
        {
            var reader = new Utf8JsonReader(message, HaFrameReader.ReaderOptions);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var offset = 0;
                ReadMessage(ref reader, message, ref offset, ref view, attributes);
            }
            else
            {
                // Not an object: well-formed or not, it is no event; Capture records what it is.
                view.Type = JsonSlice.Capture(ref reader);
                view.Type = view.Type with { Kind = JsonTokenType.None };
            }

            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader throws this for escapes it cannot unescape, e.g. a lone surrogate (\ud800).
            return false;
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, ref int offset, ref EventView view, AttributeBuffer attributes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                view.Type = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = offset + (int)reader.TokenStartIndex;
                    ReadEvent(ref reader, message, ref offset, ref view, attributes);
                    view.Event = new JsonSlice(start, offset + (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
                }
                else
                {
                    view.Event = JsonSlice.Capture(ref reader, offset);
                }
            }
            else if (reader.ValueTextEquals("ingestor"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadIngestor(ref reader, offset, ref view);
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
    }

    private static void ReadIngestor(ref Utf8JsonReader reader, int offset, ref EventView view)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("home"u8))
            {
                reader.Read();
                view.Home = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("area"u8))
            {
                reader.Read();
                view.Area = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("device"u8))
            {
                reader.Read();
                view.Device = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("catch_up"u8))
            {
                reader.Read();
                view.CatchUp = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, ref int offset, ref EventView view, AttributeBuffer attributes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                reader.Read();
                view.EventType = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = offset + (int)reader.TokenStartIndex;
                    ReadData(ref reader, message, ref offset, ref view, attributes);
                    view.Data = new JsonSlice(start, offset + (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
                }
                else
                {
                    view.Data = JsonSlice.Capture(ref reader, offset);
                }
            }
            else if (reader.ValueTextEquals("time_fired"u8))
            {
                reader.Read();
                view.TimeFired = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                ReadContext(ref reader, offset, ref view);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadContext(ref Utf8JsonReader reader, int offset, ref EventView view)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                view.ContextId = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("user_id"u8))
            {
                reader.Read();
                view.ContextUserId = JsonSlice.Capture(ref reader, offset);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, ref int offset, ref EventView view, AttributeBuffer attributes)
    {
        var first = true;
        while (true)
        {
            // See TrySkipRest: a reader resumed from here after a skipped value expects its ',' or '}'.
            var afterValue = reader.CurrentState;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                break;
            }

            var isFirst = first;
            first = false;
            if (reader.ValueTextEquals("entity_id"u8))
            {
                reader.Read();
                view.EntityId = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("new_state"u8))
            {
                reader.Read();
                ReadState(ref reader, message, ref offset, ref view.NewState, attributes);
            }
            else if (reader.ValueTextEquals("old_state"u8))
            {
                reader.Read();
                ReadState(ref reader, message, ref offset, ref view.OldState, null, afterValue, !isFirst);
            }
            else if (reader.ValueTextEquals("domain"u8))
            {
                reader.Read();
                view.Domain = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("service"u8))
            {
                reader.Read();
                view.Service = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("service_data"u8))
            {
                reader.Read();
                ReadServiceData(ref reader, offset, ref view);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadServiceData(ref Utf8JsonReader reader, int offset, ref EventView view)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            view.ServiceData = JsonSlice.Capture(ref reader, offset);
            return;
        }

        var start = offset + (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntityId = reader.ValueTextEquals("entity_id"u8);
            reader.Read();
            if (isEntityId)
            {
                view.ServiceEntityId = JsonSlice.Capture(ref reader, offset);
            }
            else
            {
                reader.Skip();
            }
        }

        view.ServiceData = new JsonSlice(start, offset + (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
    }
}
