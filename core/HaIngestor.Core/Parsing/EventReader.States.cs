using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>State objects and their attributes.</summary>
internal static partial class EventReader
{
    private static void ReadState(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, ref int offset, ref StateView state, AttributeBuffer? attributes)
        => ReadState(ref reader, message, ref offset, ref state, attributes, default, false);

    /// <param name="afterParentValue">
    /// When <paramref name="canSkipRest"/>, the reader state before this state's member name in its parent: once
    /// the state string is read, the old state's attributes and all members after them are skipped by scanning and
    /// the reader resumes from it after the state object.
    /// </param>
    private static void ReadState(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> message,
        ref int offset,
        ref StateView state,
        AttributeBuffer? attributes,
        JsonReaderState afterParentValue,
        bool canSkipRest)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            state.Self = JsonSlice.Capture(ref reader, offset);
            return;
        }

        var start = offset + (int)reader.TokenStartIndex;
        var first = true;
        while (true)
        {
            // The state after the previous member's value: a reader resumed from it after a skipped value
            // expects exactly the ',' or '}' that follows that value.
            var afterValue = reader.CurrentState;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                break;
            }

            if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state.State = JsonSlice.Capture(ref reader, offset);
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                if (canSkipRest && state.State.IsPresent && TrySkipRest(ref reader, message, ref offset, start, afterParentValue, ref state))
                {
                    return;
                }

                if (attributes is null && !first && TrySkipObject(ref reader, message, ref offset, afterValue, out var skipped))
                {
                    state.Attributes = skipped;
                }
                else
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject && attributes is not null)
                    {
                        var attributesStart = offset + (int)reader.TokenStartIndex;
                        ReadAttributes(ref reader, ref state, attributes, offset);
                        state.Attributes = new JsonSlice(attributesStart, offset + (int)reader.BytesConsumed - attributesStart, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        state.Attributes = JsonSlice.Capture(ref reader, offset);
                    }
                }
            }
            else if (reader.ValueTextEquals("last_updated"u8))
            {
                reader.Read();
                state.LastUpdated = JsonSlice.Capture(ref reader, offset);
            }
            else if (first || !TrySkipObject(ref reader, message, ref offset, afterValue, out _))
            {
                reader.Read();
                reader.Skip();
            }

            first = false;
        }

        state.Self = new JsonSlice(start, offset + (int)reader.BytesConsumed - start, false, JsonTokenType.StartObject);
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
