using System.Diagnostics.Metrics;

namespace HaIngestor.Connector.Service;

/// <summary>A histogram instrument of the connector; its buckets, sum and count are kept by whoever listens (<see cref="PrometheusExposition"/>).</summary>
internal sealed class MeteredHistogram(Histogram<double> instrument)
{
    /// <summary>The instrument, to look its totals up by.</summary>
    public Histogram<double> Instrument => instrument;

    /// <summary>Records one value.</summary>
    public void Observe(double value) => instrument.Record(value);
}
