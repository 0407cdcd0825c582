using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// A recorded state as the <c>state_changed</c> event Home Assistant fired for it: time_fired = last_updated,
/// old_state null (the history does not say), last_reported = last_updated, no context (the compressed history has
/// none). Through the same pipeline it gives the point a live run wrote, at the same timestamp.
/// </summary>
internal static class HistoryEvents
{
    /// <summary>Top-level members of a written message (id, type, event), for wrapping it without another scan.</summary>
    public const int MemberCount = 3;

    // As Home Assistant writes JSON: UTF-8 as it is (°C, not \u00B0C) and no escaped '+' in the offsets, so the
    // pipeline reads the strings in place instead of unescaping each one.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(IBufferWriter<byte> output, HistoryState state)
    {
        var updated = Iso(state.LastUpdated);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, 0);
        writer.WriteString("type"u8, "event"u8);
        writer.WriteStartObject("event"u8);
        writer.WriteString("event_type"u8, "state_changed"u8);
        writer.WriteStartObject("data"u8);
        writer.WriteString("entity_id"u8, state.EntityId);
        writer.WriteNull("old_state"u8);
        writer.WriteStartObject("new_state"u8);
        writer.WriteString("entity_id"u8, state.EntityId);
        writer.WriteString("state"u8, state.State);
        writer.WritePropertyName("attributes"u8);
        if (state.Attributes.ValueKind == JsonValueKind.Object)
        {
            state.Attributes.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteString("last_changed"u8, Iso(state.LastChanged));
        writer.WriteString("last_reported"u8, updated);
        writer.WriteString("last_updated"u8, updated);
        writer.WriteNull("context"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("origin"u8, "LOCAL"u8);
        writer.WriteString("time_fired"u8, updated);
        writer.WriteNull("context"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Python's isoformat of a UTC time, to the microsecond.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
