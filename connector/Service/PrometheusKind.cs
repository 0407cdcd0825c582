namespace HaIngestor.Connector.Service;

/// <summary>The Prometheus metric types an instrument is exposed as.</summary>
internal enum PrometheusKind
{
    /// <summary>Up-down counters and gauges.</summary>
    Gauge,

    /// <summary>Monotonic counters, named with <c>_total</c>.</summary>
    Counter,

    /// <summary>Histograms with <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,
}
