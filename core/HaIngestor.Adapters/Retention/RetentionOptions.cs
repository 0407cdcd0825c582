using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// How long data is kept: raw points for <see cref="RawDuration"/> (default one year) and daily summaries
/// (mean, min, max, count of <c>value</c> per series and day) for <see cref="SummaryDuration"/> (default five years).
/// Configuration section <c>Retention</c>.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Retention";

    /// <summary>Retention policy that receives raw points. Default <c>raw_1y</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Retention:RawPolicy may hold only letters, digits and underscores.")]
    public string RawPolicy { get; set; } = "raw_1y";

    /// <summary>How long raw points are kept. Default 365 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan RawDuration { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Retention policy that receives the daily summaries. Default <c>daily_5y</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Retention:SummaryPolicy may hold only letters, digits and underscores.")]
    public string SummaryPolicy { get; set; } = "daily_5y";

    /// <summary>How long daily summaries are kept. Default 1,825 days (five years).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan SummaryDuration { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Name of the continuous query that builds the summaries. Default <c>ha_ingestor_daily</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Retention:ContinuousQuery may hold only letters, digits and underscores.")]
    public string ContinuousQuery { get; set; } = "ha_ingestor_daily";
}
