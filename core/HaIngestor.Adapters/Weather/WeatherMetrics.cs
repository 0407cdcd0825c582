using System.Diagnostics.Metrics;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Adapters.Weather;

/// <summary>
/// Weather instruments: the cache hit ratio and failed lookups on the shared <see cref="IngestorMetrics"/>, plus
/// upstream failures and stale answers on the same <c>HaIngestor</c> meter.
/// </summary>
internal sealed class WeatherMetrics
{
    private readonly IngestorMetrics _shared;
    private readonly Counter<long> _upstreamFailures;
    private readonly Counter<long> _stale;

    public WeatherMetrics(IngestorMetrics shared, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _shared = shared;
        var meter = meterFactory.Create(IngestorMetrics.MeterName);
        _upstreamFailures = meter.CreateCounter<long>(
            "haingestor.weather.upstream.failures", "{request}", "Failed requests to the weather provider (API errors, timeouts, bad answers).");
        _stale = meter.CreateCounter<long>(
            "haingestor.weather.stale", "{lookup}", "Weather lookups answered with the last known (stale) weather.");
    }

    public void Hit() => _shared.WeatherCacheHit();

    public void Miss() => _shared.WeatherCacheMiss();

    public void UpstreamFailure() => _upstreamFailures.Add(1);

    public void Stale() => _stale.Add(1);

    /// <summary>No weather at all could be given (no fresh nor stale snapshot).</summary>
    public void Unavailable() => _shared.WeatherFailed();
}
