namespace HaIngestor.Adapters.Weather;

/// <summary>Where weather enrichment comes from.</summary>
public enum WeatherProviderKind
{
    /// <summary>No weather enrichment.</summary>
    None,

    /// <summary>OpenWeatherMap current weather API (needs an API key and a location).</summary>
    OpenWeatherMap,

    /// <summary>The latest <c>weather.*</c> entity state in the event stream itself (no API key).</summary>
    HomeAssistant,
}
