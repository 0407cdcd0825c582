namespace HaIngestor.Simulator.Home;

/// <summary>An entry of the device registry.</summary>
public sealed record SimDevice(
    string Id,
    string Name,
    string? NameByUser,
    string? AreaId,
    string Manufacturer,
    string Model,
    string ConfigEntryId,
    string Platform);
