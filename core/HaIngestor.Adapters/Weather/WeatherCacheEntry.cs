using System.ComponentModel;
using HaIngestor.Core.Enrichment;

namespace HaIngestor.Adapters.Weather;

/// <summary>What the cache holds for a location: the snapshot and when it was fetched.</summary>
/// <remarks>Immutable, so the in-memory tier may hand out the same instance instead of deserializing per hit.</remarks>
[ImmutableObject(true)]
internal sealed record WeatherCacheEntry(
    string Location,
    string? Condition,
    double? Temperature,
    double? Humidity,
    double? Pressure,
    double? WindSpeed,
    double? Clouds,
    DateTimeOffset ObservedAt,
    DateTimeOffset FetchedAt)
{
    public static WeatherCacheEntry From(WeatherSnapshot snapshot, DateTimeOffset fetchedAt) => new(
        snapshot.Location, snapshot.Condition, snapshot.Temperature, snapshot.Humidity, snapshot.Pressure,
        snapshot.WindSpeed, snapshot.Clouds, snapshot.ObservedAt, fetchedAt);

    public WeatherSnapshot ToSnapshot(bool stale) =>
        new(Location, Condition, Temperature, Humidity, Pressure, WindSpeed, Clouds, ObservedAt, stale);
}
