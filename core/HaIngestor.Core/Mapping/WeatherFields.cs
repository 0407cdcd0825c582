using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Schema;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>Writes the weather enrichment: tags <c>location</c> and <c>weather_condition</c>, float fields, <c>weather_stale</c>.</summary>
internal static class WeatherFields
{
    public static void Write(LineProtocolWriter output, WeatherSnapshot? weather, byte[]? defaultLocation)
    {
        if (weather is null)
        {
            if (defaultLocation is not null)
            {
                output.Tag(WeatherKeys.Location.Utf8, defaultLocation);
            }

            return;
        }

        if (!string.IsNullOrEmpty(weather.Location))
        {
            output.Tag(WeatherKeys.Location.Utf8, weather.Location);
        }
        else if (defaultLocation is not null)
        {
            output.Tag(WeatherKeys.Location.Utf8, defaultLocation);
        }

        output.Tag(WeatherKeys.Condition.Utf8, weather.Condition);
        Field(output, WeatherKeys.Temperature.Utf8, weather.Temperature);
        Field(output, WeatherKeys.Humidity.Utf8, weather.Humidity);
        Field(output, WeatherKeys.Pressure.Utf8, weather.Pressure);
        Field(output, WeatherKeys.WindSpeed.Utf8, weather.WindSpeed);
        Field(output, WeatherKeys.Clouds.Utf8, weather.Clouds);
        if (weather.Stale)
        {
            output.Field(WeatherKeys.Stale.Utf8, true);
        }
    }

    private static void Field(LineProtocolWriter output, ReadOnlySpan<byte> key, double? value)
    {
        if (value is { } v)
        {
            output.Field(key, v);
        }
    }
}
