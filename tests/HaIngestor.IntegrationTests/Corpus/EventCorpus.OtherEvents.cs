using System.Text.Json.Nodes;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

internal static partial class EventCorpus
{
    private static void AddOtherEvents(CorpusBuilder b)
    {
        b.CallService("call_service light.turn_on", "light", "turn_on", new JsonObject
        {
            ["entity_id"] = "light.kitchen",
            ["brightness"] = 255,
            ["transition"] = 2.5,
        });
        b.CallService("call_service with hostile data", "notify", "mobile_app_anna", new JsonObject
        {
            ["message"] = "Door \"open\",\nback\\slash = 🚪",
            ["data"] = new JsonObject { ["tag"] = "door", ["actions"] = new JsonArray(new JsonObject { ["action"] = "OK" }) },
        });
        b.CallService("call_service without data", "homeassistant", "restart", new JsonObject());
        b.Generic("automation_triggered event", "automation_triggered", new JsonObject
        {
            ["name"] = "Morning lights",
            ["entity_id"] = "automation.morning_lights",
            ["source"] = "time pattern",
        });
        b.Generic("custom event with odd type", "my custom,event=type ☃", new JsonObject
        {
            ["payload"] = new JsonArray(1, 2, 3),
            ["text"] = "quote \" and backslash \\",
        });
    }

    private static void AddInvalid(CorpusBuilder b)
    {
        b.StateChanged("entity id with upper case", "sensor.Living_Room", "1", Sensor("Upper"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id with space", "sensor.bad id", "1", Sensor("Space"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id with comma and equals", "sensor.a,b=c", "1", Sensor("Comma"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id with newline", "sensor.a\nb", "1", Sensor("Newline"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id with quote", "sensor.a\"b", "1", Sensor("Quote"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id without domain", "nodomain", "1", Sensor("No Domain"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id of 256 characters", "sensor." + new string('b', 249), "1", Sensor("Too Long"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("entity id with emoji", "sensor.🔥", "1", Sensor("Emoji"), reject: RejectReason.MalformedEntityId);
        b.StateChanged("bad timestamp", "sensor.bad_time", "1", Sensor("Bad Time"), lastUpdated: "yesterday", reject: RejectReason.BadTimestamp);
        b.StateChanged("oversize event", "sensor.oversize", "1", new JsonObject { ["payload"] = HostileText(300_000) }, reject: RejectReason.Oversize);

        const string Ctx = "\"context\":{\"id\":\"01JHX5Q2ZK8M4T6V9B3N7C1D2E\",\"parent_id\":null,\"user_id\":null}";
        const string Ts = "\"2026-01-15T11:00:00.000000+00:00\"";
        const string State = "\"entity_id\":\"sensor.kind\",\"attributes\":{},\"last_changed\":" + Ts + ",\"last_reported\":" + Ts + ",\"last_updated\":" + Ts;
        b.Invalid("missing entity id", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"old_state\":null,\"new_state\":{\"state\":\"1\",\"attributes\":{},\"last_updated\":" + Ts + "}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}", RejectReason.MissingEntityId);
        b.Invalid("state is a number", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.kind\",\"old_state\":null,\"new_state\":{" + State + ",\"state\":21.5}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}", RejectReason.WrongJsonKind);
        b.Invalid("attributes is a list", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.kind\",\"old_state\":null,\"new_state\":{\"entity_id\":\"sensor.kind\",\"state\":\"1\",\"attributes\":[1,2],\"last_changed\":" + Ts + ",\"last_updated\":" + Ts + "}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}", RejectReason.WrongJsonKind);
        b.Invalid("truncated json", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.cut", RejectReason.MalformedJson);
        b.Invalid("not json at all", "<html>502 Bad Gateway</html>", RejectReason.MalformedJson);
        b.Invalid("result message, not an event", "{\"id\":7,\"type\":\"result\",\"success\":true,\"result\":null}", RejectReason.NotAnEvent);
        b.Invalid("event without event_type", "{\"id\":7,\"type\":\"event\",\"event\":{\"data\":{},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}", RejectReason.MissingEventType);
        var lone = "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.kind\",\"old_state\":null,\"new_state\":{" + State + ",\"state\":\"\\ud800 lone surrogate\"}},\"origin\":\"LOCAL\",\"time_fired\":" + Ts + "," + Ctx + "}}";
        b.Invalid("state with an escaped lone surrogate", lone, RejectReason.MalformedJson);
        var notUtf8 = System.Text.Encoding.UTF8.GetBytes(lone.Replace("\\ud800", "\u00e9", StringComparison.Ordinal));
        notUtf8[Array.IndexOf(notUtf8, (byte)0xC3) + 1] = 0x28;
        b.Invalid("invalid UTF-8 bytes", notUtf8, RejectReason.MalformedJson);
        b.Invalid("coalesced array instead of one event", "[" + lone.Replace("\\ud800", "x", StringComparison.Ordinal) + "]", RejectReason.NotAnEvent);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300);
        b.Invalid("attributes nested 300 deep (beyond the reader limit)", lone.Replace("\"attributes\":{}", "\"attributes\":" + deep, StringComparison.Ordinal).Replace("\\ud800", "x", StringComparison.Ordinal), RejectReason.MalformedJson);
        b.Invalid("event without time_fired", "{\"id\":7,\"type\":\"event\",\"event\":{\"event_type\":\"call_service\",\"data\":{\"domain\":\"light\",\"service\":\"turn_on\",\"service_data\":{}},\"origin\":\"LOCAL\"," + Ctx + "}}", RejectReason.MissingTimestamp);
    }
}
