namespace HaIngestor.Simulator.Home;

/// <summary>An entry of the device registry.</summary>
/// <param name="AreaId">The area set on this device; for a child device null means "the parent's area".</param>
/// <param name="ParentDeviceId">For a child device (since HA 2026.8): the device it belongs to; else null.</param>
public sealed record SimDevice(
    string Id,
    string Name,
    string? NameByUser,
    string? AreaId,
    string Manufacturer,
    string Model,
    string ConfigEntryId,
    string Platform,
    string? ParentDeviceId = null);
