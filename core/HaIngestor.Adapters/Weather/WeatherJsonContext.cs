using System.Text.Json.Serialization;

namespace HaIngestor.Adapters.Weather;

/// <summary>Source-generated JSON for cache entries: no reflection on the cache path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WeatherCacheEntry))]
internal sealed partial class WeatherJsonContext : JsonSerializerContext;
