using System.Collections.Frozen;

namespace HaIngestor.Simulator.Protocol;

/// <summary>
/// Home Assistant's <c>SUBSCRIBE_ALLOWLIST</c> (homeassistant/auth/permissions/events.py): the event types a user who
/// is not an admin may subscribe to. Anything else, all events (<c>*</c>) included, is answered <c>unauthorized</c>.
/// </summary>
internal static class SubscribeAllowlist
{
    public static FrozenSet<string> EventTypes { get; } = new[]
    {
        "area_registry_updated",
        "component_loaded",
        "core_config_updated",
        "device_registry_updated",
        "entity_registry_updated",
        "repairs_issue_registry_updated",
        "lovelace_updated",
        "panels_updated",
        "recorder_5min_statistics_generated",
        "recorder_hourly_statistics_generated",
        "service_registered",
        "service_removed",
        "shopping_list_updated",
        "state_changed",
        "themes_updated",
        "label_registry_updated",
        "category_registry_updated",
        "floor_registry_updated",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Allows(AuthenticatedUser user, string eventType) => user.IsAdmin || EventTypes.Contains(eventType);
}
