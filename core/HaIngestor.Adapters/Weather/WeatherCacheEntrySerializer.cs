using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace HaIngestor.Adapters.Weather;

/// <summary>Serializes cache entries for the distributed tier with the source-generated context.</summary>
internal sealed class WeatherCacheEntrySerializer : IHybridCacheSerializer<WeatherCacheEntry>
{
    public WeatherCacheEntry Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, WeatherJsonContext.Default.WeatherCacheEntry)
            ?? throw new JsonException("A weather cache entry was null.");
    }

    public void Serialize(WeatherCacheEntry value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, WeatherJsonContext.Default.WeatherCacheEntry);
    }

    public static byte[] ToBytes(WeatherCacheEntry value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, WeatherJsonContext.Default.WeatherCacheEntry);

    public static WeatherCacheEntry? FromBytes(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize(bytes, WeatherJsonContext.Default.WeatherCacheEntry);
}
