using HaIngestor.Adapters.Health;
using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Functions;

/// <summary>Timer trigger: checks InfluxDB, Redis, weather and connector freshness every five minutes.</summary>
public sealed class HealthCheckFunction
{
    private readonly HealthChecker _checker;
    private readonly AvailabilityReporter _availability;

    /// <summary>Creates the function.</summary>
    public HealthCheckFunction(HealthChecker checker, AvailabilityReporter availability)
    {
        _checker = checker;
        _availability = availability;
    }

    /// <summary>Runs the check; results go to availability results, metrics, a span and one warning per failing part.</summary>
    [Function("HealthCheck")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await _checker.CheckAsync(context.CancellationToken).ConfigureAwait(false);
        _availability.Report(report);
    }
}
