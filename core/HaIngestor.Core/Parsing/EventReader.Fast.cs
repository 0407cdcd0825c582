using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// The fast path: the same reading as the <see cref="Utf8JsonReader"/> path (EventReader.cs, EventReader.States.cs),
/// member for member and skip for skip, on a <see cref="JsonCursor"/> that costs a fraction of a general-purpose
/// reader per token. Anything it does not accept (malformed JSON, escaped member names, deep nesting, a message that
/// is no object) goes to the reader path, which then decides and reports exactly as before; so both paths accept
/// the same messages and produce the same view (checked by EventReaderTests on valid and mutated messages).
/// </summary>
internal static partial class EventReader
{
    /// <summary>True, with the view filled, when the fast path read the whole message.</summary>
    internal static bool TryReadFast(ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        var cursor = new JsonCursor(message);
        if (cursor.Peek() != (byte)'{')
        {
            return false;
        }

        FastMessage(ref cursor, message, ref view, attributes);
        return !cursor.Failed && cursor.AtEnd;
    }

    private static void FastMessage(ref JsonCursor cursor, ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        if (!cursor.FirstMember(out var name))
        {
            return;
        }

        do
        {
            if (name.SequenceEqual("type"u8))
            {
                view.Type = cursor.ReadValue();
            }
            else if (name.SequenceEqual("event"u8))
            {
                if (cursor.Peek() == (byte)'{')
                {
                    var start = cursor.Position;
                    FastEvent(ref cursor, message, ref view, attributes);
                    view.Event = new JsonSlice(start, cursor.Position - start, false, JsonTokenType.StartObject);
                }
                else
                {
                    view.Event = cursor.ReadValue();
                }
            }
            else if (name.SequenceEqual("ingestor"u8) && cursor.Peek() == (byte)'{')
            {
                FastIngestor(ref cursor, ref view);
            }
            else
            {
                cursor.SkipValue();
            }
        }
        while (cursor.NextMember(out name));
    }

    private static void FastIngestor(ref JsonCursor cursor, ref EventView view)
    {
        if (!cursor.FirstMember(out var name))
        {
            return;
        }

        do
        {
            if (name.SequenceEqual("home"u8))
            {
                view.Home = cursor.ReadValue();
            }
            else if (name.SequenceEqual("area"u8))
            {
                view.Area = cursor.ReadValue();
            }
            else if (name.SequenceEqual("device"u8))
            {
                view.Device = cursor.ReadValue();
            }
            else if (name.SequenceEqual("catch_up"u8))
            {
                view.CatchUp = cursor.ReadValue().Kind == JsonTokenType.True;
            }
            else
            {
                cursor.SkipValue();
            }
        }
        while (cursor.NextMember(out name));
    }

    private static void FastEvent(ref JsonCursor cursor, ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        if (!cursor.FirstMember(out var name))
        {
            return;
        }

        do
        {
            switch (name.Length)
            {
                case 10 when name.SequenceEqual("event_type"u8):
                    view.EventType = cursor.ReadValue();
                    break;
                case 4 when name.SequenceEqual("data"u8):
                    if (cursor.Peek() == (byte)'{')
                    {
                        var start = cursor.Position;
                        FastData(ref cursor, message, ref view, attributes);
                        view.Data = new JsonSlice(start, cursor.Position - start, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        view.Data = cursor.ReadValue();
                    }

                    break;
                case 10 when name.SequenceEqual("time_fired"u8):
                    view.TimeFired = cursor.ReadValue();
                    break;
                case 7 when name.SequenceEqual("context"u8) && cursor.Peek() == (byte)'{':
                    FastContext(ref cursor, ref view);
                    break;
                default:
                    cursor.SkipValue();
                    break;
            }
        }
        while (cursor.NextMember(out name));
    }

    private static void FastContext(ref JsonCursor cursor, ref EventView view)
    {
        if (!cursor.FirstMember(out var name))
        {
            return;
        }

        do
        {
            if (name.SequenceEqual("id"u8))
            {
                view.ContextId = cursor.ReadValue();
            }
            else if (name.SequenceEqual("user_id"u8))
            {
                view.ContextUserId = cursor.ReadValue();
            }
            else
            {
                cursor.SkipValue();
            }
        }
        while (cursor.NextMember(out name));
    }

    private static void FastData(ref JsonCursor cursor, ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        if (!cursor.FirstMember(out var name))
        {
            return;
        }

        var first = true;
        do
        {
            switch (name.Length)
            {
                case 9 when name.SequenceEqual("entity_id"u8):
                    view.EntityId = cursor.ReadValue();
                    break;
                case 9 when name.SequenceEqual("new_state"u8):
                    FastState(ref cursor, message, ref view.NewState, attributes, false);
                    break;
                case 9 when name.SequenceEqual("old_state"u8):
                    // As the reader path: the old state is skipped from its attributes on unless it comes first.
                    FastState(ref cursor, message, ref view.OldState, null, !first);
                    break;
                case 6 when name.SequenceEqual("domain"u8):
                    view.Domain = cursor.ReadValue();
                    break;
                case 7 when name.SequenceEqual("service"u8):
                    view.Service = cursor.ReadValue();
                    break;
                case 12 when name.SequenceEqual("service_data"u8):
                    FastServiceData(ref cursor, ref view);
                    break;
                default:
                    cursor.SkipValue();
                    break;
            }

            first = false;
        }
        while (cursor.NextMember(out name));
    }

    private static void FastServiceData(ref JsonCursor cursor, ref EventView view)
    {
        if (cursor.Peek() != (byte)'{')
        {
            view.ServiceData = cursor.ReadValue();
            return;
        }

        var start = cursor.Position;
        if (cursor.FirstMember(out var name))
        {
            do
            {
                if (name.SequenceEqual("entity_id"u8))
                {
                    view.ServiceEntityId = cursor.ReadValue();
                }
                else
                {
                    cursor.SkipValue();
                }
            }
            while (cursor.NextMember(out name));
        }

        view.ServiceData = new JsonSlice(start, cursor.Position - start, false, JsonTokenType.StartObject);
    }

    /// <summary>
    /// Mirrors ReadState: the objects the reader path skips by scanning (see EventReader.Skip.cs) are skipped by the
    /// same scan here, and only those, so that both paths accept the same messages.
    /// </summary>
    private static void FastState(ref JsonCursor cursor, ReadOnlySpan<byte> message, ref StateView state, AttributeBuffer? attributes, bool canSkipRest)
    {
        if (cursor.Peek() != (byte)'{')
        {
            state.Self = cursor.ReadValue();
            return;
        }

        var start = cursor.Position;
        if (!cursor.FirstMember(out var name))
        {
            state.Self = new JsonSlice(start, cursor.Position - start, false, JsonTokenType.StartObject);
            return;
        }

        var first = true;
        do
        {
            switch (name.Length)
            {
                case 5 when name.SequenceEqual("state"u8):
                    state.State = cursor.ReadValue();
                    break;
                case 10 when name.SequenceEqual("attributes"u8):
                    if (cursor.Peek() != (byte)'{')
                    {
                        state.Attributes = cursor.ReadValue();
                    }
                    else if (canSkipRest && state.State.IsPresent)
                    {
                        var attributesStart = cursor.Position;
                        var attributesEnd = ScanObject(message, attributesStart);
                        var end = attributesEnd < 0 ? -1 : ScanToClose(message, attributesEnd);
                        if (end < 0)
                        {
                            cursor.Fail();
                            return;
                        }

                        state.Attributes = new JsonSlice(attributesStart, attributesEnd - attributesStart, false, JsonTokenType.StartObject);
                        state.Self = new JsonSlice(start, end - start, false, JsonTokenType.StartObject);
                        cursor.MoveTo(end);
                        return;
                    }
                    else if (attributes is null && !first)
                    {
                        state.Attributes = ScanSkip(ref cursor, message);
                    }
                    else if (attributes is not null)
                    {
                        var attributesStart = cursor.Position;
                        FastAttributes(ref cursor, message, ref state, attributes);
                        state.Attributes = new JsonSlice(attributesStart, cursor.Position - attributesStart, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        state.Attributes = cursor.ReadValue();
                    }

                    break;
                case 12 when name.SequenceEqual("last_updated"u8):
                    state.LastUpdated = cursor.ReadValue();
                    break;
                default:
                    if (!first && cursor.Peek() == (byte)'{')
                    {
                        ScanSkip(ref cursor, message);
                    }
                    else
                    {
                        cursor.SkipValue();
                    }

                    break;
            }

            first = false;
        }
        while (cursor.NextMember(out name));

        state.Self = new JsonSlice(start, cursor.Position - start, false, JsonTokenType.StartObject);
    }

    /// <summary>With the cursor on a '{', skips the object by the structural scan, as TrySkipObject does.</summary>
    private static JsonSlice ScanSkip(ref JsonCursor cursor, ReadOnlySpan<byte> message)
    {
        var start = cursor.Position;
        var end = ScanObject(message, start);
        if (end < 0)
        {
            cursor.Fail();
            return default;
        }

        cursor.MoveTo(end);
        return new JsonSlice(start, end - start, false, JsonTokenType.StartObject);
    }

    private static void FastAttributes(ref JsonCursor cursor, ReadOnlySpan<byte> message, ref StateView state, AttributeBuffer attributes)
    {
        cursor.Expect((byte)'{');
        if (cursor.Peek() == (byte)'}')
        {
            cursor.MoveTo(cursor.Position + 1);
            return;
        }

        while (true)
        {
            var key = cursor.ReadKey();
            if (key.Escaped)
            {
                // The reader path compares escaped names unescaped with the known ones.
                cursor.Fail();
                return;
            }

            var value = cursor.ReadValue();
            switch (key.Length)
            {
                case 13 when message.Slice(key.Start, key.Length).SequenceEqual("friendly_name"u8):
                    state.FriendlyName = value;
                    break;
                case 12 when message.Slice(key.Start, key.Length).SequenceEqual("device_class"u8):
                    state.DeviceClass = value;
                    break;
                case 19 when message.Slice(key.Start, key.Length).SequenceEqual("unit_of_measurement"u8):
                    state.Unit = value;
                    break;
                case 11 when message.Slice(key.Start, key.Length).SequenceEqual("state_class"u8):
                    state.StateClass = value;
                    break;
                case 4 when message.Slice(key.Start, key.Length).SequenceEqual("area"u8):
                    state.Area = value;
                    break;
                default:
                    break;
            }

            attributes.Add(key, value);
            var next = cursor.Peek();
            if (next == (byte)',')
            {
                cursor.MoveTo(cursor.Position + 1);
                continue;
            }

            cursor.Expect((byte)'}');
            return;
        }
    }
}
