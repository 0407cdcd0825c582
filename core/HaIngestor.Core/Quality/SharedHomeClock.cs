namespace HaIngestor.Core.Quality;

/// <summary>The latest event time seen for a home.</summary>
public readonly record struct SharedHomeClock(string Home, DateTimeOffset Latest);
