using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator;

/// <summary>The registries (areas, devices, entities) and knobs that edit them as a user would in HA's settings.</summary>
public sealed partial class HaSimulator
{
    /// <summary>The area registry, as config/area_registry/list returns it.</summary>
    public IReadOnlyList<SimArea> Areas => Snapshot(_runtime.Home.Areas);

    /// <summary>The device registry, as config/device_registry/list returns it.</summary>
    public IReadOnlyList<SimDevice> Devices => Snapshot(_runtime.Home.Devices);

    /// <summary>The entity registry, as config/entity_registry/list returns it.</summary>
    public IReadOnlyList<SimEntity> RegistryEntities => Snapshot(_runtime.Home.Entities);

    /// <summary>Assigns an entity its own area (null = follow its device) and fires entity_registry_updated.</summary>
    public void SetEntityArea(string entityId, string? areaId) => RegistryChanges.SetEntityArea(_runtime.Home, entityId, areaId);

    /// <summary>Moves a device to another area and fires device_registry_updated.</summary>
    public void SetDeviceArea(string deviceId, string? areaId) => RegistryChanges.SetDeviceArea(_runtime.Home, deviceId, areaId);

    /// <summary>Sets the name a user gave a device (null = none) and fires device_registry_updated.</summary>
    public void RenameDevice(string deviceId, string? nameByUser) => RegistryChanges.RenameDevice(_runtime.Home, deviceId, nameByUser);

    /// <summary>Creates an area and fires area_registry_updated; returns its id.</summary>
    public string AddArea(string name) => RegistryChanges.AddArea(_runtime.Home, name);

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_runtime.Home.Gate)
        {
            return [.. list];
        }
    }
}
