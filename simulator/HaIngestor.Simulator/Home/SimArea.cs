namespace HaIngestor.Simulator.Home;

/// <summary>An entry of the area registry.</summary>
public sealed record SimArea(string AreaId, string Name, string? Icon);
