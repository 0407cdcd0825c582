namespace HaIngestor.Adapters;

/// <summary>Marker for the adapters assembly.</summary>
public static class AdaptersAssembly;
