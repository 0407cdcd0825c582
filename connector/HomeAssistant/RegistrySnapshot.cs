using System.Collections.Frozen;
using System.Text.Json;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Area and device name per entity, resolved from Home Assistant's entity, device and area registries:
/// the entity's own area wins, else its device's area, else that of the device's parent (and so on up the chain);
/// the device name is <c>name_by_user</c>, else <c>name</c>.
/// Immutable, so the receive loop reads it without locks while a refresh builds the next one.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly FrozenDictionary<string, EntityPlacement> _entities;

    private RegistrySnapshot(FrozenDictionary<string, EntityPlacement> entities) => _entities = entities;

    public static RegistrySnapshot Empty { get; } = new(FrozenDictionary<string, EntityPlacement>.Empty);

    public int Count => _entities.Count;

    public EntityPlacement Lookup(string? entityId) =>
        entityId is not null && _entities.TryGetValue(entityId, out var placement) ? placement : default;

    /// <summary>Builds a snapshot from the <c>result</c> arrays of the three registry list commands.</summary>
    public static RegistrySnapshot Build(JsonElement entityList, JsonElement deviceList, JsonElement areaList)
    {
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in Items(areaList))
        {
            if (String(area, "area_id") is { } id && String(area, "name") is { } name)
            {
                areas[id] = name;
            }
        }

        var devices = new Dictionary<string, (string? AreaId, string? Name, string? ParentId)>(StringComparer.Ordinal);
        foreach (var device in Items(deviceList))
        {
            if (String(device, "id") is { } id)
            {
                devices[id] = (String(device, "area_id"), String(device, "name_by_user") ?? String(device, "name"), String(device, "parent_device_id"));
            }
        }

        var entities = new Dictionary<string, EntityPlacement>(StringComparer.Ordinal);
        foreach (var entity in Items(entityList))
        {
            if (String(entity, "entity_id") is not { } entityId)
            {
                continue;
            }

            var deviceId = String(entity, "device_id");
            var device = deviceId is not null && devices.TryGetValue(deviceId, out var d) ? d : default;
            var areaId = String(entity, "area_id") ?? DeviceArea(devices, deviceId);
            var areaName = areaId is not null && areas.TryGetValue(areaId, out var n) ? n : null;
            if (areaName is not null || device.Name is not null)
            {
                entities[entityId] = new EntityPlacement(areaName, device.Name);
            }
        }

        return new RegistrySnapshot(entities.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// A device's area: its own, else its parent's, up the chain (since 2026.8 a child device's <c>area_id</c> holds only
    /// an area set on it). A chain that loops back or runs past every device ends without an area.
    /// </summary>
    private static string? DeviceArea(Dictionary<string, (string? AreaId, string? Name, string? ParentId)> devices, string? deviceId)
    {
        for (var steps = 0; deviceId is not null && steps <= devices.Count && devices.TryGetValue(deviceId, out var device); steps++)
        {
            if (device.AreaId is not null)
            {
                return device.AreaId;
            }

            deviceId = device.ParentId;
        }

        return null;
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object) : [];

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : null;
}
