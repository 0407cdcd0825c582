namespace HaIngestor.Core.Schema;

/// <summary>The weather enrichment's keys, part of the default schema's state points.</summary>
public static class WeatherKeys
{
    /// <summary>Tag: the snapshot's location, else <c>Pipeline:Location</c>.</summary>
    public static readonly PointKey Location = PointKey.Tag("location");

    /// <summary>Tag: the weather condition text.</summary>
    public static readonly PointKey Condition = PointKey.Tag("weather_condition");

    /// <summary>Float: outside temperature.</summary>
    public static readonly PointKey Temperature = PointKey.Field("temperature", PointFieldType.Float);

    /// <summary>Float: relative humidity.</summary>
    public static readonly PointKey Humidity = PointKey.Field("humidity", PointFieldType.Float);

    /// <summary>Float: air pressure.</summary>
    public static readonly PointKey Pressure = PointKey.Field("pressure", PointFieldType.Float);

    /// <summary>Float: wind speed.</summary>
    public static readonly PointKey WindSpeed = PointKey.Field("wind_speed", PointFieldType.Float);

    /// <summary>Float: cloud cover.</summary>
    public static readonly PointKey Clouds = PointKey.Field("clouds", PointFieldType.Float);

    /// <summary>Bool: <c>true</c> when the snapshot is stale.</summary>
    public static readonly PointKey Stale = PointKey.Field("weather_stale", PointFieldType.Boolean);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<PointKey> All { get; } = [Location, Condition, Temperature, Humidity, Pressure, WindSpeed, Clouds, Stale];
}
