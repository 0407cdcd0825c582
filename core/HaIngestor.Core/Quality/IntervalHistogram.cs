using System.Runtime.CompilerServices;

namespace HaIngestor.Core.Quality;

/// <summary>
/// An entity's reporting intervals, time-weighted, in log2 buckets of seconds: bucket 0 holds intervals under 1 s,
/// bucket k those in [2^(k-1), 2^k) s, the last one everything longer (2^24 s is 194 days). The typical interval is
/// the upper edge of the bucket holding the time-weighted median.
/// </summary>
/// <remarks>
/// Weighting each interval by its own length makes a burst harmless: a hundred changes a second apart weigh
/// 100 s, one quiet hour weighs 3,600 s, so the median stays on the rhythm the entity spends its time in. Older
/// intervals fade (all weights halve every <see cref="HalfLifeIntervals"/> intervals) so a changed rhythm is
/// learned. A value type of fixed size: it lives inside the entity's state, nothing allocated per event.
/// </remarks>
[InlineArray(BucketCount)]
internal struct IntervalHistogram
{
    /// <summary>Buckets: under 1 s, then powers of two up to 2^24 s and beyond.</summary>
    public const int BucketCount = 26;

    /// <summary>Intervals after which all weights halve.</summary>
    public const int HalfLifeIntervals = 32;

    private float _bucket0;

    /// <summary>The bucket an interval falls in.</summary>
    public static int BucketOf(double seconds)
    {
        if (seconds < 1)
        {
            return 0;
        }

        // Seconds in [2^(k-1), 2^k) go to bucket k.
        var bucket = Math.ILogB(seconds) + 1;
        return Math.Min(bucket, BucketCount - 1);
    }

    /// <summary>The upper edge of a bucket, in seconds.</summary>
    public static double UpperEdge(int bucket) => Math.ScaleB(1, bucket);

    /// <summary>Adds one interval with its own length as weight.</summary>
    public void Add(double seconds) => this[BucketOf(seconds)] += (float)Math.Max(seconds, 0.001);

    /// <summary>Halves every weight, so older intervals count half as much as newer ones.</summary>
    public void Fade()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            this[i] *= 0.5f;
        }
    }

    /// <summary>The upper edge of the time-weighted median's bucket, in seconds; 0 when empty.</summary>
    public readonly double TypicalSeconds()
    {
        var total = 0d;
        for (var i = 0; i < BucketCount; i++)
        {
            total += this[i];
        }

        if (total <= 0)
        {
            return 0;
        }

        var half = total / 2;
        var running = 0d;
        for (var i = 0; i < BucketCount; i++)
        {
            running += this[i];
            if (running >= half)
            {
                return UpperEdge(i);
            }
        }

        return UpperEdge(BucketCount - 1);
    }
}
