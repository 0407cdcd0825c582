using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>Command dispatch with HA's id rules and error codes; runs under the home's lock.</summary>
internal sealed partial class ClientSession
{
    private readonly Dictionary<int, Subscription> _subscriptions = [];
    private Subscription[] _subscriptionList = [];
    private long _lastId;

    private void Handle(JsonElement msg)
    {
        if (msg.ValueKind != JsonValueKind.Object ||
            !msg.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number ||
            !idElement.TryGetInt64(out var id) || id <= 0 ||
            !msg.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String ||
            string.IsNullOrEmpty(typeElement.GetString()))
        {
            object? rawId = msg.ValueKind != JsonValueKind.Object ? 0 : msg.TryGetProperty("id", out var r) ? r : null;
            Reply(Error(rawId, "invalid_format", "Message incorrectly formatted."));
            return;
        }

        if (id <= _lastId)
        {
            Reply(Error(id, "id_reuse", "Identifier values have to increase."));
            return;
        }

        var type = typeElement.GetString()!;
        var handler = HandlerFor(type);
        if (handler is null)
        {
            Reply(Error(id, "unknown_command", "Unknown command."));
            return;
        }

        try
        {
            handler(id, msg);
        }
        catch (InvalidFormatException ex)
        {
            Reply(Error(id, "invalid_format", ex.Message));
        }
        catch (ServiceNotFoundException ex)
        {
            // HA adds the translation of the message, which frontends show instead of the English text.
            Reply(Error(id, "not_found", ex.Message, w =>
            {
                w.WriteString("translation_key", "service_not_found");
                w.WriteStartObject("translation_placeholders");
                w.WriteString("domain", ex.Domain);
                w.WriteString("service", ex.Service);
                w.WriteEndObject();
                w.WriteString("translation_domain", "homeassistant");
            }));
        }

        _lastId = id;
    }

    private Action<long, JsonElement>? HandlerFor(string type) => type switch
    {
        "ping" => Ping,
        "supported_features" => SupportedFeatures,
        "subscribe_events" => SubscribeEvents,
        "unsubscribe_events" => UnsubscribeEvents,
        "subscribe_entities" => SubscribeEntities,
        "get_states" => GetStates,
        "get_config" => GetConfig,
        "call_service" => CallService,
        "config/entity_registry/list" => (id, msg) => RegistryList(id, msg, Registries.WriteEntities),
        "config/device_registry/list" => (id, msg) => RegistryList(id, msg, (w, home) => Registries.WriteDevices(w, home, _runtime.Options)),
        "config/area_registry/list" => (id, msg) => RegistryList(id, msg, Registries.WriteAreas),
        "history/history_during_period" => HistoryDuringPeriod,
        "recorder/statistics_during_period" => StatisticsDuringPeriod,
        _ => null,
    };

    private void Ping(long id, JsonElement msg)
    {
        Schema.Allow(msg);
        Reply(string.Concat("{\"id\":", id.ToString(System.Globalization.CultureInfo.InvariantCulture), ",\"type\":\"pong\"}"));
    }

    private void SupportedFeatures(long id, JsonElement msg)
    {
        Schema.Allow(msg, "features");
        var features = Schema.Required(msg, "features", JsonValueKind.Object);
        _coalesce = features.TryGetProperty("coalesce_messages", out var c) &&
                    c.ValueKind == JsonValueKind.Number && c.GetDouble() != 0;
        Reply(Result(id, null));
    }

    private void SubscribeEvents(long id, JsonElement msg)
    {
        Schema.Allow(msg, "event_type");
        var eventType = Schema.OptionalString(msg, "event_type") ?? "*";
        if (!SubscribeAllowlist.Allows(User, eventType))
        {
            // HA raises Unauthorized here; the connection turns it into this error and stays open.
            Reply(Error(id, "unauthorized", "Unauthorized"));
            return;
        }

        AddSubscription(new Subscription((int)id, eventType, null, Entities: false));
        Reply(Result(id, null));
    }

    private void UnsubscribeEvents(long id, JsonElement msg)
    {
        Schema.Allow(msg, "subscription");
        var subscription = Schema.Required(msg, "subscription", JsonValueKind.Number);
        if (!subscription.TryGetInt32(out var subId) || !_subscriptions.Remove(subId))
        {
            Reply(Error(id, "not_found", "Subscription not found."));
            return;
        }

        _subscriptionList = [.. _subscriptions.Values];
        Reply(Result(id, null));
    }

    private void SubscribeEntities(long id, JsonElement msg)
    {
        Schema.Allow(msg, "entity_ids");
        HashSet<string>? filter = null;
        if (msg.TryGetProperty("entity_ids", out var ids) && ids.ValueKind != JsonValueKind.Null)
        {
            if (ids.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidFormatException($"expected a list for dictionary value @ data['entity_ids']. Got {ids.GetRawText()}");
            }

            filter = [.. ids.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
        }

        AddSubscription(new Subscription((int)id, null, filter, Entities: true));
        Reply(Result(id, null));
        var states = Home.Snapshot().Where(s => filter is null || filter.Contains(s.EntityId));
        _queue.Enqueue(new OutgoingMessage(CompressedStates.Additions(states), (int)id, IdFirst: true));
    }

    private void GetStates(long id, JsonElement msg)
    {
        Schema.Allow(msg);
        var states = Home.Snapshot();
        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WriteStartArray("result");
            foreach (var state in states)
            {
                HaJson.WriteState(w, state);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private void GetConfig(long id, JsonElement msg)
    {
        Schema.Allow(msg);
        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WritePropertyName("result");
            Registries.WriteConfig(w, _runtime.Options, Home);
            w.WriteEndObject();
        }));
    }

    private void CallService(long id, JsonElement msg)
    {
        Schema.Allow(msg, "domain", "service", "service_data", "target", "return_response");
        var domain = Schema.Required(msg, "domain", JsonValueKind.String).GetString()!;
        var service = Schema.Required(msg, "service", JsonValueKind.String).GetString()!;
        var data = Schema.OptionalObject(msg, "service_data");
        var target = Schema.OptionalObject(msg, "target");
        var context = ServiceCalls.Call(Home, domain, service, data, target, Home.NewContext(userId: User.Id));
        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WriteStartObject("result");
            w.WritePropertyName("context");
            HaJson.WriteContext(w, context);
            if (msg.TryGetProperty("return_response", out var rr) && rr.ValueKind == JsonValueKind.True)
            {
                w.WriteNull("response");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private void RegistryList(long id, JsonElement msg, Action<Utf8JsonWriter, SimulatedHome> writeList)
    {
        Schema.Allow(msg);
        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WritePropertyName("result");
            writeList(w, Home);
            w.WriteEndObject();
        }));
    }

    /// <summary>Set by the auth phase before any command runs.</summary>
    private AuthenticatedUser User => _user ?? throw new InvalidOperationException("No command runs before auth_ok.");

    private void AddSubscription(Subscription subscription)
    {
        _subscriptions[subscription.Id] = subscription;
        _subscriptionList = [.. _subscriptions.Values];
    }

    private void Reply(string json) => _queue.Enqueue(OutgoingMessage.Of(json));

    private static void WriteResultStart(Utf8JsonWriter w, long id)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("type", "result");
        w.WriteBoolean("success", true);
    }

    private static string Result(long id, object? result) => HaJson.Write(w =>
    {
        WriteResultStart(w, id);
        w.WritePropertyName("result");
        HaJson.WriteValue(w, result);
        w.WriteEndObject();
    });

    private static string Error(object? id, string code, string message, Action<Utf8JsonWriter>? translation = null) => HaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("id");
        HaJson.WriteValue(w, id);
        w.WriteString("type", "result");
        w.WriteBoolean("success", false);
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        translation?.Invoke(w);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
