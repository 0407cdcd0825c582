using HaIngestor.Core.Enrichment;

namespace HaIngestor.Adapters.Weather;

/// <summary>The provider when weather enrichment is off: always answers "no weather".</summary>
internal sealed class NoWeatherProvider : IWeatherProvider
{
    public ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<WeatherSnapshot?>(null);
}
