using System.Globalization;
using System.Net;
using System.Text.Json;
using HaIngestor.Core.Enrichment;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>Typed HTTP client of the OpenWeatherMap current weather API (<c>/data/2.5/weather</c>).</summary>
internal sealed class OpenWeatherMapClient
{
    private readonly HttpClient _http;
    private readonly WeatherOptions _options;
    private readonly TimeProvider _time;

    public OpenWeatherMapClient(HttpClient http, IOptions<WeatherOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Fetches the current weather; throws <see cref="WeatherProviderException"/> on any failure.</summary>
    public async Task<WeatherSnapshot> GetCurrentAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(BuildRequestUri(_options), HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The inner exception may quote the request; keep only what cannot carry the key.
            throw new WeatherProviderException($"OpenWeatherMap could not be reached ({ex.HttpRequestError}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WeatherProviderException("OpenWeatherMap did not answer in time.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new WeatherProviderException($"OpenWeatherMap request failed ({ex.GetType().Name}).");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var hint = response.StatusCode is HttpStatusCode.Unauthorized ? " (check Weather:ApiKey)" : string.Empty;
                throw new WeatherProviderException(
                    string.Create(CultureInfo.InvariantCulture, $"OpenWeatherMap answered HTTP {(int)response.StatusCode}{hint}."));
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Parse(body, _options, _time.GetUtcNow());
        }
    }

    /// <summary>The request path and query, relative to <see cref="WeatherOptions.BaseUrl"/>.</summary>
    internal static Uri BuildRequestUri(WeatherOptions options)
    {
        var location = !string.IsNullOrWhiteSpace(options.City)
            ? "q=" + Uri.EscapeDataString(options.City.Trim())
            : string.Create(CultureInfo.InvariantCulture, $"lat={options.Latitude}&lon={options.Longitude}");
        return new Uri(
            options.BaseUrl,
            $"/data/2.5/weather?{location}&appid={Uri.EscapeDataString(options.ApiKey ?? string.Empty)}&units=metric");
    }

    /// <summary>Reads the fields we attach from an API response; throws <see cref="WeatherProviderException"/> when it is not one.</summary>
    internal static WeatherSnapshot Parse(ReadOnlySpan<byte> body, WeatherOptions options, DateTimeOffset now)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("main", out var main) || main.ValueKind != JsonValueKind.Object)
            {
                throw new WeatherProviderException("OpenWeatherMap answered with JSON that is not a current weather response.");
            }

            string? condition = null;
            if (root.TryGetProperty("weather", out var weather) && weather.ValueKind == JsonValueKind.Array
                && weather.GetArrayLength() > 0 && weather[0].TryGetProperty("main", out var conditionElement)
                && conditionElement.ValueKind == JsonValueKind.String)
            {
                condition = conditionElement.GetString()?.ToLowerInvariant();
            }

            var observedAt = root.TryGetProperty("dt", out var dt) && dt.TryGetInt64(out var unixSeconds)
                ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds)
                : now;
            var location = options.LocationName is { Length: > 0 } || !string.IsNullOrWhiteSpace(options.City)
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(name.GetString())
                ? options.EffectiveLocation
                : name.GetString()!;

            return new WeatherSnapshot(
                location,
                condition,
                Number(main, "temp"),
                Number(main, "humidity"),
                Number(main, "pressure"),
                root.TryGetProperty("wind", out var wind) ? Number(wind, "speed") : null,
                root.TryGetProperty("clouds", out var clouds) ? Number(clouds, "all") : null,
                observedAt);
        }
        catch (JsonException)
        {
            throw new WeatherProviderException("OpenWeatherMap answered with invalid JSON.");
        }
    }

    private static double? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;
}
