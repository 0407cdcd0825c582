using System.Text.Json;

namespace HaIngestor.Adapters.Health;

/// <summary>
/// Recognises the connector's heartbeat among event messages: an event message whose <c>event_type</c> is
/// <c>ha_ingestor_heartbeat</c>, sent every 60 s. Its time is the event's <c>time_fired</c> (or <c>data.sent_at</c>).
/// </summary>
public static class ConnectorHeartbeat
{
    /// <summary>The heartbeat's event type.</summary>
    public const string EventType = "ha_ingestor_heartbeat";

    private static ReadOnlySpan<byte> Marker => "\"ha_ingestor_heartbeat\""u8;

    /// <summary>True, with the time it was sent, when <paramref name="message"/> is a heartbeat. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out DateTimeOffset sentAt)
    {
        sentAt = default;
        // Almost every message is a real event: a byte search spares them the JSON parse.
        if (message.IndexOf(Marker) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("event", out var evt) || evt.ValueKind != JsonValueKind.Object
                || !evt.TryGetProperty("event_type", out var type) || type.ValueKind != JsonValueKind.String
                || !type.ValueEquals(EventType))
            {
                return false;
            }

            if (TryTime(evt, "time_fired", out sentAt)
                || (evt.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && TryTime(data, "sent_at", out sentAt)))
            {
                return true;
            }

            sentAt = DateTimeOffset.MinValue;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryTime(JsonElement parent, string name, out DateTimeOffset time)
    {
        time = default;
        return parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.TryGetDateTimeOffset(out time);
    }
}
