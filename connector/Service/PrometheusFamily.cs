using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace HaIngestor.Connector.Service;

/// <summary>One instrument as a Prometheus metric family: its name, type, unit scale and series by label set.</summary>
internal sealed class PrometheusFamily
{
    // OpenTelemetry's default explicit bucket boundaries, for histograms that give no advice.
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<string, PrometheusSeries> _series = new(StringComparer.Ordinal);
    private readonly double[]? _bounds;
    private PrometheusSeries? _unlabelled;

    public PrometheusFamily(Instrument instrument)
    {
        Instrument = instrument;
        var definition = instrument.GetType().GetGenericTypeDefinition();
        Observable = instrument.IsObservable;
        Kind = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? PrometheusKind.Counter
            : definition == typeof(Histogram<>) ? PrometheusKind.Histogram
            : PrometheusKind.Gauge;
        Accumulates = definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>);
        Divisor = PrometheusNames.Divisor(instrument.Unit);
        Name = PrometheusNames.Family(instrument.Name, instrument.Unit, Kind == PrometheusKind.Counter);
        _bounds = Kind == PrometheusKind.Histogram ? Bounds(instrument) : null;
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public PrometheusKind Kind { get; }

    public bool Observable { get; }

    /// <summary>True for counters and up-down counters, whose measurements are increments rather than values.</summary>
    public bool Accumulates { get; }

    /// <summary>Divisor from the instrument's unit to the base unit of <see cref="Name"/>.</summary>
    public double Divisor { get; }

    public IEnumerable<PrometheusSeries> Series => Volatile.Read(ref _unlabelled) is { } unlabelled ? _series.Values.Prepend(unlabelled) : _series.Values;

    public void Measure(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = tags.IsEmpty ? Unlabelled() : Labelled(tags);
        if (Kind == PrometheusKind.Histogram)
        {
            series.Record(value);
        }
        else if (Accumulates)
        {
            series.Add(value);
        }
        else
        {
            series.Set(value);
        }
    }

    /// <summary>Forgets an observable instrument's series before it is observed again, so a label set that went away goes too.</summary>
    public void ClearObserved()
    {
        _series.Clear();
        _unlabelled = null;
    }

    public void WriteTo(StringBuilder output)
    {
        var series = Series.OrderBy(s => Key(s.Labels), StringComparer.Ordinal).ToList();
        if (series.Count == 0)
        {
            return;
        }

        output.Append("# HELP ").Append(Name).Append(' ');
        PrometheusNames.AppendHelp(output, string.IsNullOrWhiteSpace(Instrument.Description) ? Instrument.Name : Instrument.Description);
        output.Append("\n# TYPE ").Append(Name).Append(' ').Append(Kind switch
        {
            PrometheusKind.Counter => "counter",
            PrometheusKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var s in series)
        {
            if (Kind == PrometheusKind.Histogram)
            {
                WriteHistogram(output, s);
            }
            else
            {
                Sample(output, Name, s.Labels, null, s.Value / Divisor);
            }
        }
    }

    private void WriteHistogram(StringBuilder output, PrometheusSeries series)
    {
        var bounds = _bounds!;
        Span<long> cumulative = stackalloc long[bounds.Length];
        series.CumulativeBuckets(cumulative);
        var count = series.Count;
        for (var i = 0; i < bounds.Length; i++)
        {
            Sample(output, Name + "_bucket", series.Labels, Number(bounds[i] / Divisor), cumulative[i]);
        }

        Sample(output, Name + "_bucket", series.Labels, "+Inf", count);
        Sample(output, Name + "_sum", series.Labels, null, series.Sum / Divisor);
        Sample(output, Name + "_count", series.Labels, null, count);
    }

    private static void Sample(StringBuilder output, string name, KeyValuePair<string, string>[] labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{');
            var first = true;
            foreach (var (key, label) in labels)
            {
                output.Append(first ? string.Empty : ",").Append(key).Append("=\"");
                PrometheusNames.AppendLabelValue(output, label);
                output.Append('"');
                first = false;
            }

            if (le is not null)
            {
                output.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString(CultureInfo.InvariantCulture);

    private PrometheusSeries Unlabelled()
    {
        var series = Volatile.Read(ref _unlabelled);
        if (series is null)
        {
            _ = Interlocked.CompareExchange(ref _unlabelled, new PrometheusSeries([], _bounds), null);
            series = Volatile.Read(ref _unlabelled)!;
        }

        return series;
    }

    private PrometheusSeries Labelled(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(PrometheusNames.Sanitize(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = Key(labels);
        return _series.TryGetValue(key, out var existing) ? existing : _series.GetOrAdd(key, _ => new PrometheusSeries(labels, _bounds));
    }

    private static string Key(KeyValuePair<string, string>[] labels) => string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));

    private static double[] Bounds(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } b } => [.. b],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(v => (double)v)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(v => (double)v)],
        _ => DefaultBounds,
    };
}
