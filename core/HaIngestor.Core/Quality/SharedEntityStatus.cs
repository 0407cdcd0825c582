namespace HaIngestor.Core.Quality;

/// <summary>The status last reported for an entity.</summary>
public readonly record struct SharedEntityStatus(string Home, string EntityId, QualityStatus Status);
