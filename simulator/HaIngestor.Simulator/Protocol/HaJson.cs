using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>Writes Home Assistant's JSON shapes with the same key order, timestamp format and raw UTF-8 text HA emits.</summary>
internal static class HaJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // HA (orjson) writes non-ASCII text such as "°C" as raw UTF-8, not as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    // A state is serialized once, however many events (as new_state, then as old_state) and connections carry it.
    private static readonly ConditionalWeakTable<HaState, byte[]> StateJson = [];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(WriteUtf8(write));

    /// <summary>Serializes to UTF-8 with a per-thread buffer and writer (this runs once per event on the hot path).</summary>
    public static byte[] WriteUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        if (t_writer is null)
        {
            t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            t_writer.Reset(buffer);
        }

        buffer.ResetWrittenCount();
        var writer = t_writer;
        // A nested call (a callback serializing again) must not share the buffer in use.
        t_buffer = null;
        t_writer = null;
        try
        {
            write(writer);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            t_buffer = buffer;
            t_writer = writer;
        }
    }

    /// <summary>Python's <c>datetime.isoformat()</c> for a UTC time: microseconds, omitted when zero, and +00:00.</summary>
    public static string Timestamp(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var micros = (int)((utc.Ticks % TimeSpan.TicksPerSecond) / 10);
        var length = micros == 0 ? 25 : 32;
        return string.Create(length, (utc, micros), static (span, v) =>
        {
            var (t, us) = v;
            Digits(span[..4], t.Year);
            span[4] = '-';
            Digits(span.Slice(5, 2), t.Month);
            span[7] = '-';
            Digits(span.Slice(8, 2), t.Day);
            span[10] = 'T';
            Digits(span.Slice(11, 2), t.Hour);
            span[13] = ':';
            Digits(span.Slice(14, 2), t.Minute);
            span[16] = ':';
            Digits(span.Slice(17, 2), t.Second);
            var rest = span[19..];
            if (us != 0)
            {
                rest[0] = '.';
                Digits(rest.Slice(1, 6), us);
                rest = rest[7..];
            }

            "+00:00".AsSpan().CopyTo(rest);
        });
    }

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Seconds since the epoch with microsecond precision, as the compressed state format carries them.</summary>
    public static double UnixSeconds(DateTimeOffset value) =>
        Math.Round((value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 / 1_000_000d, 6);

    /// <summary>Truncates to microseconds, the precision of HA's timestamps.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    public static void WriteContext(Utf8JsonWriter writer, HaContext context)
    {
        writer.WriteStartObject();
        writer.WriteString("id", context.Id);
        WriteNullableString(writer, "parent_id", context.ParentId);
        WriteNullableString(writer, "user_id", context.UserId);
        writer.WriteEndObject();
    }

    public static void WriteState(Utf8JsonWriter writer, HaState state)
    {
        if (!StateJson.TryGetValue(state, out var json))
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var stateWriter = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteStateObject(stateWriter, state);
            }

            json = buffer.WrittenSpan.ToArray();
            StateJson.AddOrUpdate(state, json);
        }

        writer.WriteRawValue(json, skipInputValidation: true);
    }

    private static void WriteStateObject(Utf8JsonWriter writer, HaState state)
    {
        writer.WriteStartObject();
        writer.WriteString("entity_id", state.EntityId);
        writer.WriteString("state", state.State);
        writer.WritePropertyName("attributes");
        WriteValue(writer, state.Attributes);
        writer.WriteString("last_changed", Timestamp(state.LastChanged));
        writer.WriteString("last_reported", Timestamp(state.LastReported));
        writer.WriteString("last_updated", Timestamp(state.LastUpdated));
        writer.WritePropertyName("context");
        WriteContext(writer, state.Context);
        writer.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter writer, HaEvent haEvent)
    {
        writer.WriteStartObject();
        writer.WriteString("event_type", haEvent.EventType);
        writer.WritePropertyName("data");
        WriteValue(writer, haEvent.Data);
        writer.WriteString("origin", haEvent.Origin);
        writer.WriteString("time_fired", Timestamp(haEvent.TimeFired));
        writer.WritePropertyName("context");
        WriteContext(writer, haEvent.Context);
        writer.WriteEndObject();
    }

    public static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Timestamp(t));
                break;
            case HaState state:
                WriteState(writer, state);
                break;
            case HaContext context:
                WriteContext(writer, context);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Python writes a float with a fraction ("21.0"), never as an integer.</summary>
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            // orjson writes NaN and infinities as null.
            writer.WriteNullValue();
            return;
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            writer.WriteRawValue(value.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
            return;
        }

        writer.WriteNumberValue(value);
    }

    /// <summary>Converts an incoming JSON value into the plain values the simulator stores as attributes.</summary>
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Value equality as JSON sees it, for attribute diffs.</summary>
    public static bool ValueEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a is string sa && b is string sb)
        {
            return string.Equals(sa, sb, StringComparison.Ordinal);
        }

        return string.Equals(Write(w => WriteValue(w, a)), Write(w => WriteValue(w, b)), StringComparison.Ordinal);
    }
}
