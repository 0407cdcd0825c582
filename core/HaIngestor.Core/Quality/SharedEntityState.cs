namespace HaIngestor.Core.Quality;

/// <summary>One entity's encoded state.</summary>
public sealed record SharedEntityState(string Home, string EntityId, byte[] State);
