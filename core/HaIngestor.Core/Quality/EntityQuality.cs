namespace HaIngestor.Core.Quality;

/// <summary>
/// What is known about one entity's reporting, updated in place per state change under its home's lock. Fixed
/// size: the interval histogram is inline, so observing an event allocates nothing.
/// </summary>
internal sealed class EntityQuality(string entityId)
{
    /// <summary>Changes after which the unavailable and unknown counts halve (with the histogram's fading).</summary>
    public const int ShareHalfLife = 64;

    public string EntityId { get; } = entityId;

    public string Domain { get; } = entityId[..Math.Max(0, entityId.IndexOf('.', StringComparison.Ordinal))];

    /// <summary>Event time of the latest state change (UTC ticks); 0 before the first.</summary>
    public long LastSeenTicks;

    /// <summary>Event time since which the state has been <c>unavailable</c> (UTC ticks); 0 when it is not.</summary>
    public long UnavailableSinceTicks;

    public IntervalHistogram Intervals;

    /// <summary>Intervals counted (bursts excluded), saturating.</summary>
    public int IntervalCount;

    /// <summary>Intervals since the histogram last faded.</summary>
    public int SinceFade;

    /// <summary>State changes, and those to <c>unavailable</c> and <c>unknown</c>, fading together.</summary>
    public float Changes;

    public float UnavailableChanges;

    public float UnknownChanges;

    /// <summary>The last numeric state; NaN when the last state was not a number.</summary>
    public double LastValue = double.NaN;

    public RangeClass Range;

    public bool OutOfRange;

    /// <summary>The status of the last evaluation (or of the shared state).</summary>
    public QualityStatus Status;

    /// <summary>Changed since the last <see cref="QualityTracker.TakeChanged"/>.</summary>
    public bool Dirty;

    /// <summary>The share of state changes that were <c>unavailable</c> or <c>unknown</c>.</summary>
    public double UnavailableRatio => Changes <= 0 ? 0 : Math.Min(1, (UnavailableChanges + UnknownChanges) / Changes);

    /// <summary>The learned typical interval; null until <paramref name="learnAfter"/> intervals are seen.</summary>
    public TimeSpan? TypicalInterval(int learnAfter) =>
        IntervalCount >= learnAfter ? TimeSpan.FromSeconds(Intervals.TypicalSeconds()) : null;

    /// <summary>How long without a change makes this entity silent.</summary>
    public TimeSpan SilentAfter(QualityOptions options)
    {
        if (TypicalInterval(options.LearnAfterIntervals) is not { } typical)
        {
            return options.SilentMaximum;
        }

        var bound = typical * options.SilentMultiple;
        return bound < options.SilentMinimum ? options.SilentMinimum
            : bound > options.SilentMaximum ? options.SilentMaximum
            : bound;
    }
}
