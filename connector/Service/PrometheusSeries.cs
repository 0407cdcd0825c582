namespace HaIngestor.Connector.Service;

/// <summary>One labelled series of a <see cref="PrometheusFamily"/>: a value, or a histogram's buckets, sum and count. Lock-free.</summary>
internal sealed class PrometheusSeries
{
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;
    private double _sum;
    private long _count;

    public PrometheusSeries(KeyValuePair<string, string>[] labels, double[]? bounds)
    {
        Labels = labels;
        _bounds = bounds;
        _buckets = bounds is null ? null : new long[bounds.Length];
    }

    /// <summary>The label names (already valid for Prometheus) and raw values, in name order.</summary>
    public KeyValuePair<string, string>[] Labels { get; }

    public double Value => Volatile.Read(ref _value);

    public long Count => Interlocked.Read(ref _count);

    public double Sum => Volatile.Read(ref _sum);

    /// <summary>Adds to the value (a counter's increment).</summary>
    public void Add(double value) => AddTo(ref _value, value);

    /// <summary>Replaces the value (a gauge, or an observable counter's cumulative total).</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts a value into its bucket (the first whose upper bound is at or above it), the sum and the count.</summary>
    public void Record(double value)
    {
        var bounds = _bounds!;
        var i = 0;
        while (i < bounds.Length && value > bounds[i])
        {
            i++;
        }

        if (i < bounds.Length)
        {
            Interlocked.Increment(ref _buckets![i]);
        }

        AddTo(ref _sum, value);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Fills <paramref name="into"/> with the count of values at or below each bound, as Prometheus' <c>le</c> buckets have it.</summary>
    public long CumulativeBuckets(Span<long> into)
    {
        long cumulative = 0;
        for (var i = 0; i < into.Length; i++)
        {
            cumulative += Interlocked.Read(ref _buckets![i]);
            into[i] = cumulative;
        }

        return cumulative;
    }

    private static void AddTo(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
