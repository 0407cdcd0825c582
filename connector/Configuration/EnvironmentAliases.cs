using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace HaIngestor.Connector.Configuration;

/// <summary>
/// The flat environment variable names of the system we replace (<c>HOME_ASSISTANT_URL</c>, <c>BATCH_SIZE</c>...),
/// mapped onto our configuration keys. A key set directly (e.g. <c>HomeAssistant__Url</c>) wins over its alias.
/// </summary>
public static class EnvironmentAliases
{
    /// <summary>Alias to configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HOME_ASSISTANT_URL"] = "HomeAssistant:Url",
        ["HOME_ASSISTANT_TOKEN"] = "HomeAssistant:Token",
        ["HOME_ASSISTANT_HOME"] = "HomeAssistant:Home",
        ["INFLUXDB_URL"] = "InfluxDb:Url",
        ["INFLUXDB_TOKEN"] = "InfluxDb:Token",
        ["INFLUXDB_ORG"] = "InfluxDb:Org",
        ["INFLUXDB_BUCKET"] = "InfluxDb:Bucket",
        ["WEATHER_API_KEY"] = "Weather:ApiKey",
        ["BATCH_SIZE"] = "Batching:MaxBatchSize",
        ["BATCH_TIMEOUT"] = "Batching:MaxBatchDelay",
    };

    /// <summary>Adds the aliased values found in <paramref name="environment"/> (default: the process environment).</summary>
    public static IConfigurationManager AddEnvironmentAliases(this IConfigurationManager configuration, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        environment ??= Environment.GetEnvironmentVariables();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, key) in Map)
        {
            if (environment[alias] is string value && !string.IsNullOrWhiteSpace(value) && string.IsNullOrEmpty(configuration[key]))
            {
                values[key] = alias == "BATCH_TIMEOUT" ? SecondsToTimeSpan(value) : value;
            }
        }

        // The old system enriched whenever it had an OpenWeatherMap key.
        if (values.ContainsKey("Weather:ApiKey") && string.IsNullOrEmpty(configuration["Weather:Provider"]))
        {
            values["Weather:Provider"] = "OpenWeatherMap";
        }

        if (values.Count > 0)
        {
            configuration.AddInMemoryCollection(values);
        }

        return configuration;
    }

    // BATCH_TIMEOUT was in seconds ("5", "2.5"); a value already in TimeSpan form passes through.
    private static string SecondsToTimeSpan(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 86_400
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;
}
