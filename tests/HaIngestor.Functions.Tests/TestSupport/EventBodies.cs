using System.Globalization;
using System.Text.Json;

namespace HaIngestor.Functions.Tests.TestSupport;

/// <summary>Event Hubs bodies as the connector sends them: HA event messages and its heartbeat.</summary>
internal static class EventBodies
{
    public static readonly DateTimeOffset BaseTime = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static string StateChanged(string entityId, string state, int secondsAfterBase, string attributesJson = "{}")
    {
        var time = BaseTime.AddSeconds(secondsAfterBase).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        var id = JsonSerializer.Serialize(entityId);
        var stateJson = JsonSerializer.Serialize(state);
        var context = $"01HX{secondsAfterBase:D22}";
        var newState = $$$"""{"entity_id":{{{id}}},"state":{{{stateJson}}},"attributes":{{{attributesJson}}},"last_changed":"{{{time}}}","last_reported":"{{{time}}}","last_updated":"{{{time}}}","context":{"id":"{{{context}}}","parent_id":null,"user_id":null}}""";
        return $$$$"""{"ingestor":{"home":"main"},"id":3,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":{{{{id}}}},"old_state":null,"new_state":{{{{newState}}}}},"origin":"LOCAL","time_fired":"{{{{time}}}}","context":{"id":"{{{{context}}}}","parent_id":null,"user_id":null}}}""";
    }

    public static string[] Sensors(int count) =>
        Enumerable.Range(0, count)
            .Select(i => StateChanged($"sensor.s{i}", (20 + i).ToString(CultureInfo.InvariantCulture) + ".5", i, """{"unit_of_measurement":"°C"}"""))
            .ToArray();

    public static string Heartbeat(DateTimeOffset sentAt)
    {
        var time = sentAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        return $$$$"""{"id":0,"type":"event","event":{"event_type":"ha_ingestor_heartbeat","data":{"homes":["main"],"connected_homes":1,"journal_depth":0,"version":"1.0.0","sent_at":"{{{{time}}}}"},"origin":"LOCAL","time_fired":"{{{{time}}}}","context":{"id":"01HX0000000000000000000000","parent_id":null,"user_id":null}}}""";
    }
}
