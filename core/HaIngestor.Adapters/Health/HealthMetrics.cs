using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HaIngestor.Adapters.Health;

/// <summary>Gauge <c>haingestor.health.status</c> per part: 1 healthy, 0.5 degraded, 0 unhealthy (the availability signal).</summary>
internal sealed class HealthMetrics
{
    private readonly ConcurrentDictionary<string, double> _last = new(StringComparer.Ordinal);

    public HealthMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(IngestorMetrics.MeterName);
        meter.CreateObservableGauge("haingestor.health.status", Observe, "{status}", "Last health check result per part: 1 healthy, 0.5 degraded, 0 unhealthy.");
    }

    public void Report(string part, HealthStatus status) => _last[part] = status switch
    {
        HealthStatus.Healthy => 1d,
        HealthStatus.Degraded => 0.5d,
        _ => 0d,
    };

    private IEnumerable<Measurement<double>> Observe() =>
        _last.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("part", p.Key)));
}
