using HaIngestor.Core.Enrichment;
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
                output.Tag("location"u8, defaultLocation);
            }

            return;
        }

        if (!string.IsNullOrEmpty(weather.Location))
        {
            output.Tag("location"u8, weather.Location);
        }
        else if (defaultLocation is not null)
        {
            output.Tag("location"u8, defaultLocation);
        }

        output.Tag("weather_condition"u8, weather.Condition);
        Field(output, "temperature"u8, weather.Temperature);
        Field(output, "humidity"u8, weather.Humidity);
        Field(output, "pressure"u8, weather.Pressure);
        Field(output, "wind_speed"u8, weather.WindSpeed);
        Field(output, "clouds"u8, weather.Clouds);
        if (weather.Stale)
        {
            output.Field("weather_stale"u8, true);
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
