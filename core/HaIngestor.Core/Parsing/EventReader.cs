using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Reads an event message in one <see cref="Utf8JsonReader"/> pass into an <see cref="EventView"/> of slices.
/// Member order does not matter; unknown members are skipped. Checks JSON well-formedness only: the meaning is
/// checked by validation.
/// </summary>
internal static class EventReader
{
    /// <summary>False when the message is not well-formed JSON; never throws for bad input.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
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
                ReadMessage(ref reader, ref view, attributes);
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

    private static void ReadMessage(ref Utf8JsonReader reader, ref EventView view, AttributeBuffer attributes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                view.Type = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    ReadEvent(ref reader, ref view, attributes);
                    view.Event = new JsonSlice(start, (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
                }
                else
                {
                    view.Event = JsonSlice.Capture(ref reader);
                }
            }
            else if (reader.ValueTextEquals("ingestor"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadIngestor(ref reader, ref view);
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

    private static void ReadIngestor(ref Utf8JsonReader reader, ref EventView view)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("home"u8))
            {
                reader.Read();
                view.Home = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("area"u8))
            {
                reader.Read();
                view.Area = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("device"u8))
            {
                reader.Read();
                view.Device = JsonSlice.Capture(ref reader);
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

    private static void ReadEvent(ref Utf8JsonReader reader, ref EventView view, AttributeBuffer attributes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                reader.Read();
                view.EventType = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    ReadData(ref reader, ref view, attributes);
                    view.Data = new JsonSlice(start, (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
                }
                else
                {
                    view.Data = JsonSlice.Capture(ref reader);
                }
            }
            else if (reader.ValueTextEquals("time_fired"u8))
            {
                reader.Read();
                view.TimeFired = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                ReadContext(ref reader, ref view);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadContext(ref Utf8JsonReader reader, ref EventView view)
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
                view.ContextId = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("user_id"u8))
            {
                reader.Read();
                view.ContextUserId = JsonSlice.Capture(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, ref EventView view, AttributeBuffer attributes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("entity_id"u8))
            {
                reader.Read();
                view.EntityId = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("new_state"u8))
            {
                reader.Read();
                ReadState(ref reader, ref view.NewState, attributes);
            }
            else if (reader.ValueTextEquals("old_state"u8))
            {
                reader.Read();
                ReadState(ref reader, ref view.OldState, null);
            }
            else if (reader.ValueTextEquals("domain"u8))
            {
                reader.Read();
                view.Domain = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("service"u8))
            {
                reader.Read();
                view.Service = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("service_data"u8))
            {
                reader.Read();
                ReadServiceData(ref reader, ref view);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadServiceData(ref Utf8JsonReader reader, ref EventView view)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            view.ServiceData = JsonSlice.Capture(ref reader);
            return;
        }

        var start = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntityId = reader.ValueTextEquals("entity_id"u8);
            reader.Read();
            if (isEntityId)
            {
                view.ServiceEntityId = JsonSlice.Capture(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        view.ServiceData = new JsonSlice(start, (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
    }

    private static void ReadState(ref Utf8JsonReader reader, ref StateView state, AttributeBuffer? attributes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            state.Self = JsonSlice.Capture(ref reader);
            return;
        }

        var start = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state.State = JsonSlice.Capture(ref reader);
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject && attributes is not null)
                {
                    var attributesStart = (int)reader.TokenStartIndex;
                    ReadAttributes(ref reader, ref state, attributes);
                    state.Attributes = new JsonSlice(attributesStart, (int)reader.BytesConsumed - attributesStart, false, JsonTokenType.StartObject);
                }
                else
                {
                    state.Attributes = JsonSlice.Capture(ref reader);
                }
            }
            else if (reader.ValueTextEquals("last_updated"u8))
            {
                reader.Read();
                state.LastUpdated = JsonSlice.Capture(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        state.Self = new JsonSlice(start, (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
    }

    /// <summary>
    /// Reads the metadata members (friendly_name, device_class, ...) of an attributes object captured earlier without
    /// reading it, e.g. an old state's, which is only needed when the entity was removed.
    /// </summary>
    public static void ReadAttributeMetadata(ReadOnlySpan<byte> message, ref StateView state)
    {
        if (!state.Attributes.IsObject)
        {
            return;
        }

        var reader = new Utf8JsonReader(message.Slice(state.Attributes.Start, state.Attributes.Length), HaFrameReader.ReaderOptions);
        reader.Read();
        ReadAttributes(ref reader, ref state, null, state.Attributes.Start);
    }

    private static void ReadAttributes(ref Utf8JsonReader reader, ref StateView state, AttributeBuffer? attributes, int offset = 0)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = new JsonSlice(offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped, JsonTokenType.String);
            var known = KnownAttribute(ref reader);
            reader.Read();
            var value = JsonSlice.Capture(ref reader, offset);
            switch (known)
            {
                case 1: state.FriendlyName = value; break;
                case 2: state.DeviceClass = value; break;
                case 3: state.Unit = value; break;
                case 4: state.StateClass = value; break;
                case 5: state.Area = value; break;
                default: break;
            }

            attributes?.Add(key, value);
        }
    }

    private static int KnownAttribute(ref Utf8JsonReader reader)
    {
        // Length first: most attribute names match none of these and fail on it.
        var length = reader.ValueIsEscaped ? -1 : reader.ValueSpan.Length;
        return length switch
        {
            13 when reader.ValueTextEquals("friendly_name"u8) => 1,
            12 when reader.ValueTextEquals("device_class"u8) => 2,
            19 when reader.ValueTextEquals("unit_of_measurement"u8) => 3,
            11 when reader.ValueTextEquals("state_class"u8) => 4,
            4 when reader.ValueTextEquals("area"u8) => 5,
            -1 => reader.ValueTextEquals("friendly_name"u8) ? 1
                : reader.ValueTextEquals("device_class"u8) ? 2
                : reader.ValueTextEquals("unit_of_measurement"u8) ? 3
                : reader.ValueTextEquals("state_class"u8) ? 4
                : reader.ValueTextEquals("area"u8) ? 5 : 0,
            _ => 0,
        };
    }
}
