using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// Builds Home Assistant WebSocket event messages byte for byte as the server sends them
/// (<c>{"id":N,"type":"event","event":{...}}</c>), through a JSON writer so hostile text is always valid JSON.
/// </summary>
internal static class HaEventMessage
{
    /// <summary>HA (orjson) writes non-ASCII text as raw UTF-8.</summary>
    public static readonly JavaScriptEncoder RawUtf8 = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Escapes everything but ASCII as <c>\uXXXX</c>, so readers must unescape surrogate pairs.</summary>
    public static readonly JavaScriptEncoder Escaped = JavaScriptEncoder.Default;

    public static byte[] StateChanged(string entityId, HaState? oldState, HaState? newState, string timeFired, JsonObject? ingestor = null, JavaScriptEncoder? encoder = null)
        => Event("state_changed", timeFired, ingestor, encoder, writer =>
        {
            writer.WriteString("entity_id", entityId);
            writer.WritePropertyName("old_state");
            WriteState(writer, oldState);
            writer.WritePropertyName("new_state");
            WriteState(writer, newState);
        });

    public static byte[] CallService(string domain, string service, JsonObject serviceData, string timeFired)
        => Event("call_service", timeFired, null, null, writer =>
        {
            writer.WriteString("domain", domain);
            writer.WriteString("service", service);
            writer.WritePropertyName("service_data");
            serviceData.WriteTo(writer);
        });

    public static byte[] Generic(string eventType, JsonObject data, string timeFired)
        => Event(eventType, timeFired, null, null, writer =>
        {
            foreach (var (key, value) in data)
            {
                writer.WritePropertyName(key);
                WriteNode(writer, value);
            }
        });

    private static byte[] Event(string eventType, string timeFired, JsonObject? ingestor, JavaScriptEncoder? encoder, Action<Utf8JsonWriter> writeData)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = encoder ?? RawUtf8 }))
        {
            writer.WriteStartObject();
            if (ingestor is not null)
            {
                writer.WritePropertyName("ingestor");
                ingestor.WriteTo(writer);
            }

            writer.WriteNumber("id", 7);
            writer.WriteString("type", "event");
            writer.WriteStartObject("event");
            writer.WriteString("event_type", eventType);
            writer.WriteStartObject("data");
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteString("origin", "LOCAL");
            writer.WriteString("time_fired", timeFired);
            writer.WriteStartObject("context");
            writer.WriteString("id", "01JHX5Q2ZK8M4T6V9B3N7C1D2E");
            writer.WriteNull("parent_id");
            writer.WriteNull("user_id");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteState(Utf8JsonWriter writer, HaState? state)
    {
        if (state is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("entity_id", state.EntityId);
        writer.WriteString("state", state.State);
        writer.WritePropertyName("attributes");
        state.Attributes.WriteTo(writer);
        writer.WriteString("last_changed", state.LastChanged ?? state.LastUpdated);
        writer.WriteString("last_reported", state.LastUpdated);
        writer.WriteString("last_updated", state.LastUpdated);
        writer.WriteStartObject("context");
        writer.WriteString("id", "01JHX5Q2ZK8M4T6V9B3N7C1D2F");
        writer.WriteNull("parent_id");
        writer.WriteString("user_id", "0f5c3a2b1e9d4c7a8b6e5f4d3c2b1a09");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
