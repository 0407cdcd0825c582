namespace HaIngestor.Core.Enrichment;

/// <summary>Data from enrichers, looked up once per batch and applied to every event of it.</summary>
/// <param name="Weather">Weather to attach, or null.</param>
public readonly record struct EnrichmentContext(WeatherSnapshot? Weather);
