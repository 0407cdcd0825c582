namespace HaIngestor.Simulator.Home;

/// <summary>
/// Registry edits as HA makes them: the entry changes, then <c>*_registry_updated</c> fires with the action, the id
/// and under "changes" the values as they were before.
/// </summary>
internal static class RegistryChanges
{
    public static void SetEntityArea(SimulatedHome home, string entityId, string? areaId)
    {
        lock (home.Gate)
        {
            RequireArea(home, areaId);
            var index = home.Entities.FindIndex(e => e.EntityId == entityId);
            if (index < 0)
            {
                throw new ArgumentException($"No entity '{entityId}' in the entity registry.", nameof(entityId));
            }

            var old = home.Entities[index];
            home.Entities[index] = old with { AreaId = areaId };
            home.Fire("entity_registry_updated", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["action"] = "update",
                ["entity_id"] = entityId,
                ["changes"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["area_id"] = old.AreaId },
            });
        }
    }

    public static void SetDeviceArea(SimulatedHome home, string deviceId, string? areaId)
    {
        lock (home.Gate)
        {
            RequireArea(home, areaId);
            var (index, old) = Device(home, deviceId);
            home.Devices[index] = old with { AreaId = areaId };
            FireDeviceUpdated(home, deviceId, "area_id", old.AreaId);
        }
    }

    public static void RenameDevice(SimulatedHome home, string deviceId, string? nameByUser)
    {
        lock (home.Gate)
        {
            var (index, old) = Device(home, deviceId);
            home.Devices[index] = old with { NameByUser = nameByUser };
            FireDeviceUpdated(home, deviceId, "name_by_user", old.NameByUser);
        }
    }

    public static string AddArea(SimulatedHome home, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (home.Gate)
        {
            var areaId = name.Trim().ToLowerInvariant().Replace(' ', '_');
            if (home.Areas.Any(a => a.AreaId == areaId))
            {
                throw new ArgumentException($"Area '{areaId}' exists already.", nameof(name));
            }

            home.Areas.Add(new SimArea(areaId, name, null));
            home.Fire("area_registry_updated", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["action"] = "create",
                ["area_id"] = areaId,
            });
            return areaId;
        }
    }

    private static (int Index, SimDevice Device) Device(SimulatedHome home, string deviceId)
    {
        var index = home.Devices.FindIndex(d => d.Id == deviceId);
        return index < 0
            ? throw new ArgumentException($"No device '{deviceId}' in the device registry.", nameof(deviceId))
            : (index, home.Devices[index]);
    }

    private static void RequireArea(SimulatedHome home, string? areaId)
    {
        if (areaId is not null && !home.Areas.Any(a => a.AreaId == areaId))
        {
            throw new ArgumentException($"No area '{areaId}' in the area registry.", nameof(areaId));
        }
    }

    private static void FireDeviceUpdated(SimulatedHome home, string deviceId, string field, object? oldValue) =>
        home.Fire("device_registry_updated", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["action"] = "update",
            ["device_id"] = deviceId,
            ["changes"] = new Dictionary<string, object?>(StringComparer.Ordinal) { [field] = oldValue },
        });
}
