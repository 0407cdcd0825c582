namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Subscribes to the configured event types, keeping what Home Assistant allows the token's user.</summary>
internal static class EventSubscriptions
{
    /// <summary>
    /// Home Assistant's <c>SUBSCRIBE_ALLOWLIST</c> (homeassistant/auth/permissions/events.py): what a user who is not an
    /// admin may subscribe to. When all events (<c>*</c>) are refused, these are subscribed one by one instead.
    /// </summary>
    public static IReadOnlyList<string> NonAdminEventTypes { get; } =
    [
        "state_changed",
        "area_registry_updated",
        "category_registry_updated",
        "component_loaded",
        "core_config_updated",
        "device_registry_updated",
        "entity_registry_updated",
        "floor_registry_updated",
        "label_registry_updated",
        "lovelace_updated",
        "panels_updated",
        "recorder_5min_statistics_generated",
        "recorder_hourly_statistics_generated",
        "repairs_issue_registry_updated",
        "service_registered",
        "service_removed",
        "shopping_list_updated",
        "themes_updated",
    ];

    /// <summary>
    /// Sends one <c>subscribe_events</c> per type (one without <c>event_type</c> for <c>*</c>). A type answered
    /// <c>unauthorized</c> is refused, not fatal; any other error goes to <paramref name="onOtherError"/> and is skipped.
    /// </summary>
    public static async Task<SubscriptionOutcome> SubscribeAsync(
        HomeAssistantConnection connection,
        IReadOnlyList<string> eventTypes,
        Action<string, string>? onOtherError,
        CancellationToken cancellationToken)
    {
        var subscribed = new List<string>();
        var refused = new List<string>();
        IReadOnlyList<string> wanted = eventTypes.Contains("*") ? ["*"] : eventTypes;
        foreach (var eventType in wanted)
        {
            switch (await SubscribeOneAsync(connection, eventType, cancellationToken).ConfigureAwait(false))
            {
                case null:
                    subscribed.Add(eventType);
                    break;
                case ("unauthorized", _):
                    refused.Add(eventType);
                    break;
                case var (code, message):
                    onOtherError?.Invoke(eventType, $"{code} {message}");
                    break;
            }
        }

        if (refused.Contains("*"))
        {
            // Everything is not allowed, but the allowlist is: that is all this user can receive.
            foreach (var eventType in NonAdminEventTypes)
            {
                if (await SubscribeOneAsync(connection, eventType, cancellationToken).ConfigureAwait(false) is null)
                {
                    subscribed.Add(eventType);
                }
            }
        }

        return new SubscriptionOutcome(subscribed, refused);
    }

    /// <summary>Null when subscribed, else the error code and message.</summary>
    private static async Task<(string? Code, string? Message)?> SubscribeOneAsync(
        HomeAssistantConnection connection, string eventType, CancellationToken cancellationToken)
    {
        using var reply = await connection.SendCommandAsync("subscribe_events", w =>
        {
            if (eventType != "*")
            {
                w.WriteString("event_type"u8, eventType);
            }
        }, cancellationToken).ConfigureAwait(false);
        return reply.Success ? null : (reply.ErrorCode, reply.ErrorMessage);
    }
}
