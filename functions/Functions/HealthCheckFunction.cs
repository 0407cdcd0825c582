using HaIngestor.Adapters.Health;
using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Functions;

/// <summary>Timer trigger: checks InfluxDB, Redis, weather and connector freshness every five minutes.</summary>
public sealed class HealthCheckFunction
{
    private readonly HealthChecker _checker;

    /// <summary>Creates the function.</summary>
    public HealthCheckFunction(HealthChecker checker) => _checker = checker;

    /// <summary>Runs the check; results go to metrics, a span and one warning per failing part.</summary>
    [Function("HealthCheck")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _checker.CheckAsync(context.CancellationToken).ConfigureAwait(false);
    }
}
