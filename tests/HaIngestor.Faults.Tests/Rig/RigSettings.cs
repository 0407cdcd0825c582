using System.Globalization;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>The settings that point the connector at the scenario's optional services.</summary>
internal static class RigSettings
{
    /// <summary>Adds Redis (weather cache tier and data-quality state) and the weather stand-in when the rig has them.</summary>
    public static Dictionary<string, string> WithServices(this Dictionary<string, string> settings, RedisProcess? redis, WeatherStandIn? weather)
    {
        if (redis is not null)
        {
            settings["Redis__ConnectionString"] = redis.ConnectionString;
            settings["Redis__Timeout"] = "00:00:00.500";
        }

        if (weather is not null)
        {
            settings["Weather__Provider"] = "OpenWeatherMap";
            settings["Weather__ApiKey"] = "fault-suite-key";
            settings["Weather__City"] = "Faultville";
            settings["Weather__BaseUrl"] = weather.Url.ToString();
            settings["Weather__CacheTtl"] = "00:00:01";
            settings["Weather__MinRequestInterval"] = "00:00:00";
            settings["Weather__RequestTimeout"] = "00:00:01";
            settings["Weather__MaxStaleAge"] = string.Create(CultureInfo.InvariantCulture, $"00:10:00");
        }

        return settings;
    }
}
