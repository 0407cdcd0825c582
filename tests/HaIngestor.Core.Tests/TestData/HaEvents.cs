using System.Text;

namespace HaIngestor.Core.Tests.TestData;

/// <summary>Builders for Home Assistant event messages.</summary>
internal static class HaEvents
{
    public const string Time = "2024-05-01T12:00:00.123456+00:00";

    /// <summary>A state object; <paramref name="state"/> and <paramref name="attributes"/> are raw JSON.</summary>
    public static string State(string entityId, string state, string attributes = "{}", string lastUpdated = Time)
        => $$$$"""{"entity_id":{{{{Quote(entityId)}}}},"state":{{{{state}}}},"attributes":{{{{attributes}}}},"last_changed":"{{{{lastUpdated}}}}","last_reported":"{{{{lastUpdated}}}}","last_updated":"{{{{lastUpdated}}}}","context":{"id":"01HX0000000000000000000001","parent_id":null,"user_id":null}}""";

    /// <summary>A state_changed event message; states are raw JSON (a state object or null).</summary>
    public static string StateChanged(string entityIdJson, string? newState, string? oldState = null, string timeFired = Time, string envelope = "")
        => $$$$"""{{{{{envelope}}}}"id":7,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":{{{{entityIdJson}}}},"old_state":{{{{oldState ?? "null"}}}},"new_state":{{{{newState ?? "null"}}}}},"origin":"LOCAL","time_fired":"{{{{timeFired}}}}","context":{"id":"01HX0000000000000000000001","parent_id":null,"user_id":null}}}""";

    /// <summary>A state_changed event for one entity with a string state and attributes.</summary>
    public static string Simple(string entityId, string stateJson, string attributes = "{}", string? oldStateJson = null)
        => StateChanged(
            Quote(entityId),
            State(entityId, stateJson, attributes),
            oldStateJson is null ? null : State(entityId, oldStateJson, attributes));

    public static string CallService(string domain, string service, string serviceData)
        => $$$$"""{"id":7,"type":"event","event":{"event_type":"call_service","data":{"domain":{{{{Quote(domain)}}}},"service":{{{{Quote(service)}}}},"service_data":{{{{serviceData}}}}},"origin":"LOCAL","time_fired":"{{{{Time}}}}","context":{"id":"01HX0000000000000000000002","parent_id":null,"user_id":"abc"}}}""";

    public static string Other(string eventType, string data)
        => $$$$"""{"id":7,"type":"event","event":{"event_type":{{{{Quote(eventType)}}}},"data":{{{{data}}}},"origin":"LOCAL","time_fired":"{{{{Time}}}}","context":{"id":"01HX0000000000000000000003","parent_id":null,"user_id":null}}}""";

    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
