using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Core.Quality;

/// <summary>Data-quality tracking (configuration section <c>Quality</c>): when an entity counts as silent or stuck.</summary>
public sealed class QualityOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Quality";

    /// <summary>Track data quality at all. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An entity is silent after this many of its typical reporting intervals without a state change. Default 5.</summary>
    [Range(1.0, 1000.0)]
    public double SilentMultiple { get; set; } = 5;

    /// <summary>Never silent sooner than this after the last state change. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan SilentMinimum { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Always silent after this long without a state change, whatever the learned interval, and the bound for
    /// entities whose rhythm is not learned yet. Default 48 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan SilentMaximum { get; set; } = TimeSpan.FromHours(48);

    /// <summary>An entity whose state has been <c>unavailable</c> this long is stuck. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan StuckUnavailableAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>State changes closer together than this are one burst: they do not teach the reporting interval. Default 0.5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BurstGap { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Intervals (bursts excluded) seen before the typical interval is trusted. Default 3.</summary>
    [Range(1, 1000)]
    public int LearnAfterIntervals { get; set; } = 3;

    /// <summary>Entities tracked at most (all homes together); further ones are counted but not tracked. Default 20,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxEntities { get; set; } = 20_000;

    /// <summary>How often statuses are evaluated and changes written. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Write a point to <see cref="Measurement"/> when an entity's quality status changes. Default on.</summary>
    public bool WritePoints { get; set; } = true;

    /// <summary>The measurement of quality points. Default <c>home_assistant_quality</c>.</summary>
    [Required]
    [MaxLength(200)]
    public string Measurement { get; set; } = "home_assistant_quality";

    /// <summary>
    /// Tag out-of-range values in the default schema with <c>quality=out_of_range</c> (they are always counted and
    /// never dropped). Default off.
    /// </summary>
    public bool TagOutOfRange { get; set; }

    /// <summary>Entities not seen for this long are forgotten (and their shared state expires). Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan StateTimeToLive { get; set; } = TimeSpan.FromDays(30);
}
