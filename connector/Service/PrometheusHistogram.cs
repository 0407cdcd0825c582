using System.Globalization;
using System.Text;

namespace HaIngestor.Connector.Service;

/// <summary>A lock-free cumulative histogram in Prometheus' shape (le buckets, sum, count).</summary>
internal sealed class PrometheusHistogram(double[] upperBounds)
{
    private readonly long[] _buckets = new long[upperBounds.Length];
    private long _count;
    private long _sumMicros;

    public long Count => Interlocked.Read(ref _count);

    public double Sum => Interlocked.Read(ref _sumMicros) / 1_000_000d;

    public void Observe(double value)
    {
        for (var i = 0; i < upperBounds.Length; i++)
        {
            if (value <= upperBounds[i])
            {
                Interlocked.Increment(ref _buckets[i]);
                break;
            }
        }

        Interlocked.Add(ref _sumMicros, (long)(value * 1_000_000d));
        Interlocked.Increment(ref _count);
    }

    public void WriteTo(StringBuilder output, string name, string help)
    {
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        output.Append("# TYPE ").Append(name).Append(" histogram\n");
        long cumulative = 0;
        for (var i = 0; i < upperBounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _buckets[i]);
            output.Append(name).Append("_bucket{le=\"")
                .Append(upperBounds[i].ToString(CultureInfo.InvariantCulture)).Append("\"} ")
                .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var count = Count;
        output.Append(name).Append("_bucket{le=\"+Inf\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        output.Append(name).Append("_sum ").Append(Sum.ToString(CultureInfo.InvariantCulture)).Append('\n');
        output.Append(name).Append("_count ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
