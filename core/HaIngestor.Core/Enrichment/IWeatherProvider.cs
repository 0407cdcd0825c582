namespace HaIngestor.Core.Enrichment;

/// <summary>Port for weather enrichment. Implementations never throw for provider failures: they return stale data or null.</summary>
public interface IWeatherProvider
{
    /// <summary>Current weather for the configured location, or null when none is known.</summary>
    ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken);
}
