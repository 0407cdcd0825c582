using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// The fast path: the same reading as the <see cref="Utf8JsonReader"/> path (EventReader.cs, EventReader.States.cs),
/// member for member, on <see cref="JsonCursor"/> primitives that cost a fraction of a general-purpose reader per
/// token. Anything it does not accept (malformed JSON, escaped member names, deep nesting, a message that is no
/// object) goes to the reader path, which then decides and reports exactly as before. It validates at least what
/// the reader path validates and records exactly what it records, so both paths accept the same messages with the
/// same view (checked by EventReaderTests on valid and on mutated messages).
/// </summary>
/// <remarks>
/// Each method takes the index to read at and returns the index after what it read, or -1; see
/// <see cref="JsonCursor"/>.
/// </remarks>
internal static partial class EventReader
{
    /// <summary>True, with the view filled, when the fast path read the whole message.</summary>
    internal static bool TryReadFast(ReadOnlySpan<byte> message, ref EventView view, AttributeBuffer attributes)
    {
        var json = new JsonCursor(message);
        var end = FastMessage(json, message, json.SkipWhitespace(0), ref view, attributes);
        return json.IsEnd(end);
    }

    private static int FastMessage(in JsonCursor json, ReadOnlySpan<byte> message, int i, ref EventView view, AttributeBuffer attributes)
    {
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            switch (name.Length)
            {
                case 4 when json.Text(name).SequenceEqual("type"u8):
                    i = json.Value(i, out view.Type);
                    break;
                case 5 when json.Text(name).SequenceEqual("event"u8):
                    if (json.At(i) == (byte)'{')
                    {
                        var start = i;
                        i = FastEvent(json, message, i, ref view, attributes);
                        view.Event = new JsonSlice(start, i - start, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        i = json.Value(i, out view.Event);
                    }

                    break;
                case 8 when json.Text(name).SequenceEqual("ingestor"u8) && json.At(i) == (byte)'{':
                    i = FastIngestor(json, i, ref view);
                    break;
                default:
                    i = json.Skip(i);
                    break;
            }
        }

        return json.ExitObject(i);
    }

    private static int FastIngestor(in JsonCursor json, int i, ref EventView view)
    {
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            var text = json.Text(name);
            if (text.SequenceEqual("home"u8))
            {
                i = json.Value(i, out view.Home);
            }
            else if (text.SequenceEqual("area"u8))
            {
                i = json.Value(i, out view.Area);
            }
            else if (text.SequenceEqual("device"u8))
            {
                i = json.Value(i, out view.Device);
            }
            else if (text.SequenceEqual("catch_up"u8))
            {
                i = json.Value(i, out var catchUp);
                view.CatchUp = catchUp.Kind == JsonTokenType.True;
            }
            else
            {
                i = json.Skip(i);
            }
        }

        return json.ExitObject(i);
    }

    private static int FastEvent(in JsonCursor json, ReadOnlySpan<byte> message, int i, ref EventView view, AttributeBuffer attributes)
    {
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            switch (name.Length)
            {
                case 10 when json.Text(name).SequenceEqual("event_type"u8):
                    i = json.Value(i, out view.EventType);
                    break;
                case 4 when json.Text(name).SequenceEqual("data"u8):
                    if (json.At(i) == (byte)'{')
                    {
                        var start = i;
                        i = FastData(json, message, i, ref view, attributes);
                        view.Data = new JsonSlice(start, i - start, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        i = json.Value(i, out view.Data);
                    }

                    break;
                case 10 when json.Text(name).SequenceEqual("time_fired"u8):
                    i = json.Value(i, out view.TimeFired);
                    break;
                case 7 when json.Text(name).SequenceEqual("context"u8) && json.At(i) == (byte)'{':
                    i = FastContext(json, i, ref view);
                    break;
                default:
                    i = json.Skip(i);
                    break;
            }
        }

        return json.ExitObject(i);
    }

    private static int FastContext(in JsonCursor json, int i, ref EventView view)
    {
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            switch (name.Length)
            {
                case 2 when json.Text(name).SequenceEqual("id"u8):
                    i = json.Value(i, out view.ContextId);
                    break;
                case 7 when json.Text(name).SequenceEqual("user_id"u8):
                    i = json.Value(i, out view.ContextUserId);
                    break;
                default:
                    i = json.Skip(i);
                    break;
            }
        }

        return json.ExitObject(i);
    }

    private static int FastData(in JsonCursor json, ReadOnlySpan<byte> message, int i, ref EventView view, AttributeBuffer attributes)
    {
        var first = true;
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            switch (name.Length)
            {
                case 9 when json.Text(name).SequenceEqual("entity_id"u8):
                    i = json.Value(i, out view.EntityId);
                    break;
                case 9 when json.Text(name).SequenceEqual("new_state"u8):
                    i = FastState(json, message, i, ref view.NewState, attributes, false);
                    break;
                case 9 when json.Text(name).SequenceEqual("old_state"u8):
                    // As the reader path: the old state is skipped from its attributes on unless it comes first.
                    i = FastState(json, message, i, ref view.OldState, null, !first);
                    break;
                case 6 when json.Text(name).SequenceEqual("domain"u8):
                    i = json.Value(i, out view.Domain);
                    break;
                case 7 when json.Text(name).SequenceEqual("service"u8):
                    i = json.Value(i, out view.Service);
                    break;
                case 12 when json.Text(name).SequenceEqual("service_data"u8):
                    i = FastServiceData(json, i, ref view);
                    break;
                default:
                    i = json.Skip(i);
                    break;
            }

            first = false;
        }

        return json.ExitObject(i);
    }

    private static int FastServiceData(in JsonCursor json, int i, ref EventView view)
    {
        if (json.At(i) != (byte)'{')
        {
            return json.Value(i, out view.ServiceData);
        }

        var start = i;
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            i = json.Text(name).SequenceEqual("entity_id"u8) ? json.Value(i, out view.ServiceEntityId) : json.Skip(i);
        }

        i = json.ExitObject(i);
        view.ServiceData = i < 0 ? default : new JsonSlice(start, i - start, false, JsonTokenType.StartObject);
        return i;
    }

    /// <summary>
    /// Mirrors ReadState. Where the reader path skips the rest of an old state by scanning, this does the same and
    /// records the same; other objects the reader path scans past (contexts) are validated here instead.
    /// </summary>
    private static int FastState(in JsonCursor json, ReadOnlySpan<byte> message, int i, ref StateView state, AttributeBuffer? attributes, bool canSkipRest)
    {
        if (json.At(i) != (byte)'{')
        {
            return json.Value(i, out state.Self);
        }

        var start = i;
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var name);
            switch (name.Length)
            {
                case 5 when json.Text(name).SequenceEqual("state"u8):
                    i = json.Value(i, out state.State);
                    break;
                case 10 when json.Text(name).SequenceEqual("attributes"u8):
                    if (json.At(i) != (byte)'{')
                    {
                        i = json.Value(i, out state.Attributes);
                    }
                    else if (canSkipRest && state.State.IsPresent)
                    {
                        return SkipRest(message, i, start, ref state);
                    }
                    else if (attributes is not null)
                    {
                        var attributesStart = i;
                        i = FastAttributes(json, i, ref state, attributes);
                        state.Attributes = new JsonSlice(attributesStart, i - attributesStart, false, JsonTokenType.StartObject);
                    }
                    else
                    {
                        i = json.Value(i, out state.Attributes);
                    }

                    break;
                case 12 when json.Text(name).SequenceEqual("last_updated"u8):
                    i = json.Value(i, out state.LastUpdated);
                    break;
                default:
                    i = json.Skip(i);
                    break;
            }
        }

        i = json.ExitObject(i);
        state.Self = new JsonSlice(start, i - start, false, JsonTokenType.StartObject);
        return i;
    }

    private static int FastAttributes(in JsonCursor json, int i, ref StateView state, AttributeBuffer attributes)
    {
        for (i = json.EnterObject(i); json.At(i) == (byte)'"'; i = json.NextMember(i))
        {
            i = json.Name(i, out var key);
            i = json.Value(i, out var value);
            switch (key.Length)
            {
                case 13 when json.Text(key).SequenceEqual("friendly_name"u8):
                    state.FriendlyName = value;
                    break;
                case 12 when json.Text(key).SequenceEqual("device_class"u8):
                    state.DeviceClass = value;
                    break;
                case 19 when json.Text(key).SequenceEqual("unit_of_measurement"u8):
                    state.Unit = value;
                    break;
                case 11 when json.Text(key).SequenceEqual("state_class"u8):
                    state.StateClass = value;
                    break;
                case 4 when json.Text(key).SequenceEqual("area"u8):
                    state.Area = value;
                    break;
                default:
                    break;
            }

            attributes.Add(key, value);
        }

        return json.ExitObject(i);
    }
}
