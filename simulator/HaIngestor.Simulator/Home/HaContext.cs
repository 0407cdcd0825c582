namespace HaIngestor.Simulator.Home;

/// <summary>Home Assistant's context: who or what caused a change (ids are ULIDs).</summary>
public sealed record HaContext(string Id, string? ParentId, string? UserId);
