using System.Globalization;
using System.Text;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Tests.Support;

/// <summary>Builds Home Assistant event messages and received events for tests.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static string StateChangedJson(string entityId, string state, DateTimeOffset time, string contextId, int id = 1)
    {
        var t = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        return "{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + ",\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"" + entityId +
            "\",\"old_state\":null,\"new_state\":{\"entity_id\":\"" + entityId + "\",\"state\":\"" + state +
            "\",\"attributes\":{\"unit_of_measurement\":\"°C\",\"friendly_name\":\"Test\"},\"last_changed\":\"" + t + "\",\"last_reported\":\"" + t +
            "\",\"last_updated\":\"" + t + "\",\"context\":{\"id\":\"" + contextId + "\",\"parent_id\":null,\"user_id\":null}}},\"origin\":\"LOCAL\",\"time_fired\":\"" + t +
            "\",\"context\":{\"id\":\"" + contextId + "\",\"parent_id\":null,\"user_id\":null}}}";
    }

    /// <summary>A state_changed event for <paramref name="entityId"/>; its context id encodes the sequence number.</summary>
    public static ReceivedEvent StateChanged(string entityId, int sequence, string? home = "test", bool catchUp = false)
    {
        var time = BaseTime.AddMilliseconds(sequence);
        var contextId = $"CTX{sequence:D10}";
        var message = Encoding.UTF8.GetBytes(StateChangedJson(entityId, (20 + (sequence % 10)).ToString(CultureInfo.InvariantCulture), time, contextId));
        var envelope = IngestEnvelope.Wrap(message, new IngestMetadata(home, "Kitchen", null, catchUp));
        var header = new EventHeader("state_changed", entityId, time, contextId, time);
        return new ReceivedEvent(envelope, header, home, catchUp, time);
    }

    /// <summary>The sequence number encoded in an event's context id.</summary>
    public static int SequenceOf(ReceivedEvent e) => int.Parse(e.Header.ContextId!.AsSpan(3), CultureInfo.InvariantCulture);
}
