using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// Whether the configured InfluxDB answers: <c>GET /health</c> for the v2 API, <c>GET /ping</c> for v1; for v2 also
/// whether the bucket exists (<see cref="InfluxDbBucketCheck"/>). Used by the functions' health check and the
/// connector's <c>check</c> command. The detail never contains credentials.
/// </summary>
public sealed class InfluxDbHealthProbe : IHealthCheck
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly InfluxDbOptions _options;
    private readonly ILogger _logger;

    internal InfluxDbHealthProbe(IHttpClientFactory httpClientFactory, IOptions<InfluxDbOptions> options, ILogger<InfluxDbHealthProbe> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Probes the server once; healthy when it answers with a success status.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = _options.ApiVersion == InfluxDbApiVersion.V2 ? "health" : "ping";
        var uri = new Uri(InfluxDbEndpoints.BaseUri(_options), path);
        var target = string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Authority}/{path}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var client = _httpClientFactory.CreateClient(InfluxDbEndpoints.HttpClientName);
            using var response = await client.GetAsync(uri, timeout.Token).ConfigureAwait(false);
            var version = response.Headers.TryGetValues("X-Influxdb-Version", out var values) ? values.FirstOrDefault() : null;
            var data = new Dictionary<string, object>
            {
                ["api"] = _options.ApiVersion.ToString(),
                ["status"] = (int)response.StatusCode,
            };
            if (version is not null)
            {
                data["version"] = version;
            }

            if (response.IsSuccessStatusCode)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"{target} answered {(int)response.StatusCode}{(version is null ? string.Empty : $" (InfluxDB {version})")}");
                if (_options.ApiVersion != InfluxDbApiVersion.V2)
                {
                    return HealthCheckResult.Healthy(detail, data);
                }

                var (found, bucket) = await InfluxDbBucketCheck.RunAsync(client, _options, timeout.Token).ConfigureAwait(false);
                data["bucket"] = bucket;
                if (found)
                {
                    return HealthCheckResult.Healthy($"{detail}; {bucket}", data);
                }

                Log.HealthProbeFailed(_logger, bucket);
                return HealthCheckResult.Unhealthy($"{detail}, but {bucket}", data: data);
            }

            var failure = string.Create(CultureInfo.InvariantCulture, $"{target} answered {(int)response.StatusCode}");
            Log.HealthProbeFailed(_logger, failure);
            return HealthCheckResult.Unhealthy(failure, data: data);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failure = ex is OperationCanceledException
                ? $"{target} did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                : $"{target} is unreachable: {ex.Message}";
            Log.HealthProbeFailed(_logger, failure);
            return HealthCheckResult.Unhealthy(failure, ex);
        }
    }
}
