using System.Diagnostics.Metrics;
using System.Text;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Connector.Service;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (0.0.4), read from the OpenTelemetry instruments of the
/// <c>HaIngestor</c> meter through a <see cref="MeterListener"/>: counters as <c>_total</c>, histograms with
/// <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, units in base units (milliseconds become seconds). Only instruments
/// of this host's meter factory are read, so several hosts in one process never mix their series. The OpenTelemetry
/// Prometheus exporter is still a beta, and would load the whole SDK in a connector that otherwise loads it only to
/// export to Application Insights.
/// </summary>
internal sealed class PrometheusExposition : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, PrometheusFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<Instrument, PrometheusFamily> _byInstrument = [];
    private readonly Lock _gate = new();

    /// <summary>Starts listening to the <c>HaIngestor</c> meters of <paramref name="meterFactory"/> (standalone meters when null).</summary>
    public PrometheusExposition(IMeterFactory? meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != IngestorMetrics.MeterName || !ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                return;
            }

            listener.EnableMeasurementEvents(instrument, Register(instrument));
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_gate)
            {
                _byInstrument.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((PrometheusFamily)state!).Measure(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((PrometheusFamily)state!).Measure(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((PrometheusFamily)state!).Measure(value, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments and writes every family that has a series, in name order.</summary>
    public string Write()
    {
        lock (_gate)
        {
            foreach (var family in _families.Values.Where(f => f.Observable))
            {
                family.ClearObserved();
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder(8192);
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(output);
            }

            return output.ToString();
        }
    }

    /// <summary>
    /// Count and sum (in the instrument's unit) of the histogram named <paramref name="instrument"/> over all its
    /// series; zero when no such instrument recorded anything.
    /// </summary>
    public (long Count, double Sum) Totals(string instrument)
    {
        var series = SeriesOf(instrument);
        return (series.Sum(s => s.Count), series.Sum(s => s.Sum));
    }

    /// <summary>The value of the pushed counter named <paramref name="instrument"/>, summed over its series (all tag sets); zero before anything was counted.</summary>
    public long Total(string instrument) => (long)SeriesOf(instrument).Sum(s => s.Value);

    public void Dispose() => _listener.Dispose();

    private List<PrometheusSeries> SeriesOf(string instrument)
    {
        lock (_gate)
        {
            return [.. _byInstrument.Where(p => p.Key.Name == instrument).Select(p => p.Value).Distinct().SelectMany(f => f.Series)];
        }
    }

    private PrometheusFamily Register(Instrument instrument)
    {
        lock (_gate)
        {
            var family = new PrometheusFamily(instrument);

            // The same name twice (a second instance of a type that owns instruments) feeds one family.
            if (_families.TryGetValue(family.Name, out var existing) && existing.Kind == family.Kind)
            {
                family = existing;
            }
            else
            {
                _families[family.Name] = family;
            }

            _byInstrument[instrument] = family;
            return family;
        }
    }
}
