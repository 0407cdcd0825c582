namespace HaIngestor.Core.Enrichment;

/// <summary>Current weather at a location, as attached to events.</summary>
/// <param name="Location">The location it was looked up for (tag <c>location</c>).</param>
/// <param name="Condition">Short condition word, e.g. <c>clear</c>, <c>rain</c> (tag <c>weather_condition</c>).</param>
/// <param name="Temperature">Degrees Celsius.</param>
/// <param name="Humidity">Percent.</param>
/// <param name="Pressure">hPa.</param>
/// <param name="WindSpeed">m/s.</param>
/// <param name="Clouds">Percent cloud cover.</param>
/// <param name="ObservedAt">When the provider observed it.</param>
/// <param name="Stale">True when the provider failed and this is the last known value.</param>
public sealed record WeatherSnapshot(
    string Location,
    string? Condition,
    double? Temperature,
    double? Humidity,
    double? Pressure,
    double? WindSpeed,
    double? Clouds,
    DateTimeOffset ObservedAt,
    bool Stale = false);
