using System.Diagnostics;
using System.Globalization;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Health;

/// <summary>
/// Checks every part the functions depend on: InfluxDB, Redis, the weather provider and the connector's freshness
/// (age of its last heartbeat). Reports each part as metric <c>haingestor.health.status</c> and as a span, and logs
/// one structured warning per failing part. Never throws for a failing part; details never contain secrets.
/// </summary>
public sealed class HealthChecker
{
    /// <summary>Part names, as reported.</summary>
    public const string InfluxDb = "influxdb";

    /// <summary>Part name of Redis.</summary>
    public const string Redis = "redis";

    /// <summary>Part name of the weather provider.</summary>
    public const string Weather = "weather";

    /// <summary>Part name of the connector's freshness.</summary>
    public const string Connector = "connector";

    private readonly InfluxDbHealthProbe _influxDb;
    private readonly RedisConnection _redis;
    private readonly IWeatherProvider _weather;
    private readonly HeartbeatStore _heartbeats;
    private readonly HealthMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly HealthOptions _options;
    private readonly WeatherOptions _weatherOptions;
    private readonly ILogger<HealthChecker> _logger;

    internal HealthChecker(
        InfluxDbHealthProbe influxDb,
        RedisConnection redis,
        IWeatherProvider weather,
        HeartbeatStore heartbeats,
        HealthMetrics metrics,
        TimeProvider time,
        IOptions<HealthOptions> options,
        IOptions<WeatherOptions> weatherOptions,
        ILogger<HealthChecker> logger)
    {
        _influxDb = influxDb;
        _redis = redis;
        _weather = weather;
        _heartbeats = heartbeats;
        _metrics = metrics;
        _time = time;
        _options = options.Value;
        _weatherOptions = weatherOptions.Value;
        _logger = logger;
    }

    /// <summary>Runs every probe (concurrently, each with <see cref="HealthOptions.ProbeTimeout"/>) and reports the results.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var activity = IngestorActivity.Source.StartActivity("HealthCheck", ActivityKind.Internal);
        var started = _time.GetTimestamp();
        var influx = ProbeAsync(InfluxDb, token => _influxDb.CheckHealthAsync(new HealthCheckContext(), token), cancellationToken);
        var redis = ProbeAsync(Redis, CheckRedisAsync, cancellationToken);
        var weather = ProbeAsync(Weather, CheckWeatherAsync, cancellationToken);
        var connector = ProbeAsync(Connector, CheckConnectorAsync, cancellationToken);
        var entries = await Task.WhenAll(influx, redis, weather, connector).ConfigureAwait(false);
        var duration = _time.GetElapsedTime(started);

        var report = new HealthReport(entries.ToDictionary(e => e.Name, e => e.Entry, StringComparer.Ordinal), duration);
        var healthy = 0;
        foreach (var (name, entry) in report.Entries)
        {
            _metrics.Report(name, entry.Status);
            activity?.SetTag($"haingestor.health.{name}", entry.Status.ToString());
            if (entry.Status == HealthStatus.Healthy)
            {
                healthy++;
            }
            else
            {
                Log.HealthPartFailing(_logger, name, entry.Status.ToString(), entry.Description ?? "no detail");
            }
        }

        activity?.SetStatus(report.Status == HealthStatus.Healthy ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        Log.HealthChecked(_logger, healthy, report.Entries.Count, (long)duration.TotalMilliseconds);
        return report;
    }

    private async Task<(string Name, HealthReportEntry Entry)> ProbeAsync(
        string name, Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ProbeTimeout);
        HealthCheckResult result;
        try
        {
            result = await probe(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.ProbeTimeout.TotalSeconds} s"));
        }
#pragma warning disable CA1031 // A failing probe is a result to report, not an error to propagate.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = HealthCheckResult.Unhealthy($"probe failed ({ex.GetType().Name})");
        }

        return (name, new HealthReportEntry(result.Status, result.Description, _time.GetElapsedTime(started), null, result.Data));
    }

    private async Task<HealthCheckResult> CheckRedisAsync(CancellationToken cancellationToken)
    {
        if (!_redis.IsConfigured)
        {
            return HealthCheckResult.Healthy("not configured: caching in memory only");
        }

        var connection = await _redis.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var latency = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"PING answered in {latency.TotalMilliseconds:0.#} ms"));
    }

    private async Task<HealthCheckResult> CheckWeatherAsync(CancellationToken cancellationToken)
    {
        if (_weatherOptions.Provider == WeatherProviderKind.None)
        {
            return HealthCheckResult.Healthy("disabled");
        }

        var snapshot = await _weather.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return snapshot switch
        {
            null => HealthCheckResult.Degraded($"{_weatherOptions.Provider}: no weather available"),
            { Stale: true } => HealthCheckResult.Degraded(string.Create(
                CultureInfo.InvariantCulture, $"{_weatherOptions.Provider}: serving stale weather observed at {snapshot.ObservedAt:O}")),
            _ => HealthCheckResult.Healthy(string.Create(
                CultureInfo.InvariantCulture, $"{_weatherOptions.Provider}: {snapshot.Condition} at {snapshot.Location}, observed {snapshot.ObservedAt:O}")),
        };
    }

    private async Task<HealthCheckResult> CheckConnectorAsync(CancellationToken cancellationToken)
    {
        var last = await _heartbeats.GetLastAsync(cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return HealthCheckResult.Unhealthy("no connector heartbeat seen");
        }

        var age = _time.GetUtcNow() - last.Value;
        var detail = string.Create(CultureInfo.InvariantCulture, $"last heartbeat {age.TotalSeconds:0} s ago (limit {_options.HeartbeatMaxAge.TotalSeconds:0} s)");
        return age <= _options.HeartbeatMaxAge ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail);
    }
}
