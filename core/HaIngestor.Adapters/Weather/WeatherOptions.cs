using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace HaIngestor.Adapters.Weather;

/// <summary>Weather enrichment settings (configuration section <c>Weather</c>).</summary>
public sealed class WeatherOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Weather";

    /// <summary>Which provider to use. Default <see cref="WeatherProviderKind.None"/>.</summary>
    public WeatherProviderKind Provider { get; set; } = WeatherProviderKind.None;

    /// <summary>OpenWeatherMap API key (a secret: never logged). Required for <see cref="WeatherProviderKind.OpenWeatherMap"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>City name for OpenWeatherMap (e.g. <c>Berlin,DE</c>); alternative to <see cref="Latitude"/>/<see cref="Longitude"/>.</summary>
    public string? City { get; set; }

    /// <summary>Latitude in degrees, with <see cref="Longitude"/>.</summary>
    [Range(-90d, 90d)]
    public double? Latitude { get; set; }

    /// <summary>Longitude in degrees, with <see cref="Latitude"/>.</summary>
    [Range(-180d, 180d)]
    public double? Longitude { get; set; }

    /// <summary>Base address of the OpenWeatherMap API. Default <c>https://api.openweathermap.org</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.openweathermap.org");

    /// <summary>How long a fetched snapshot is served before the API is asked again. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old the last good snapshot may be and still be served (marked stale) while the provider fails. Default 2 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxStaleAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Least time between two requests to the API, across the process. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinRequestInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one HTTP attempt. Default 3 seconds, so a dead API fails within seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of a failed HTTP attempt (5xx, 408, 429, timeouts). Default 1.</summary>
    [Range(1, 5)]
    public int MaxRetries { get; set; } = 1;

    /// <summary>Base delay between HTTP retries. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The <c>weather.*</c> entity the <see cref="WeatherProviderKind.HomeAssistant"/> provider follows. Default
    /// <c>weather.home</c>; <c>weather.*</c> follows whichever weather entity changed last.
    /// </summary>
    [Required]
    [RegularExpression(@"^weather\.([a-z0-9_]+|\*)$")]
    public string EntityId { get; set; } = "weather.home";

    /// <summary>The <c>location</c> written with the weather; default the city, <c>lat,lon</c> or the entity id.</summary>
    public string? LocationName { get; set; }

    /// <summary>The location as tagged on points.</summary>
    public string EffectiveLocation => LocationName switch
    {
        { Length: > 0 } name => name,
        _ when Provider == WeatherProviderKind.HomeAssistant => EntityId,
        _ when !string.IsNullOrWhiteSpace(City) => City.Trim(),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.####},{Longitude:0.####}"),
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != WeatherProviderKind.OpenWeatherMap)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult(
                "Weather:ApiKey is required when Weather:Provider is OpenWeatherMap.", [nameof(ApiKey)]);
        }

        var hasCity = !string.IsNullOrWhiteSpace(City);
        var hasCoordinates = Latitude is not null && Longitude is not null;
        if (!hasCity && !hasCoordinates)
        {
            yield return new ValidationResult(
                "Weather:City or Weather:Latitude and Weather:Longitude are required when Weather:Provider is OpenWeatherMap.",
                [nameof(City), nameof(Latitude), nameof(Longitude)]);
        }

        if ((Latitude is null) != (Longitude is null))
        {
            yield return new ValidationResult(
                "Weather:Latitude and Weather:Longitude must be set together.", [nameof(Latitude), nameof(Longitude)]);
        }

        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl?.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Weather:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }
    }
}
