using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// The daily summaries written by <see cref="IDailySummarizer"/> (configuration section <c>Summary</c>): for
/// InfluxDB Cloud Serverless, which has no task engine, and for any server with the v1 <c>/query</c> API.
/// Source and target are the <c>InfluxDb</c> section's server and credentials.
/// </summary>
public sealed class SummaryOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Summary";

    /// <summary>Runs the scheduled summary. Default false: the summary bucket and the DBRP mapping must exist first.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// NCRONTAB schedule (six fields, UTC) of the <c>DailySummary</c> timer function. Default <c>0 10 0 * * *</c>,
    /// ten minutes after midnight, so the day just ended is complete apart from late points.
    /// </summary>
    [Required(ErrorMessage = "Summary:Schedule is required.")]
    public string Schedule { get; set; } = "0 10 0 * * *";

    /// <summary>
    /// How many complete UTC days each run summarizes, ending yesterday. Default 2, so points that arrive a day late
    /// (journal replays, catch-up) still count; re-summarizing a day overwrites its points.
    /// </summary>
    public int Days { get; set; } = 2;

    /// <summary>
    /// Database name sent as <c>db</c> to <c>/query</c>. Empty (default) means <c>InfluxDb:Bucket</c> (v2, which needs a
    /// DBRP mapping of that name) or <c>InfluxDb:Database</c> (v1).
    /// </summary>
    public string? SourceDatabase { get; set; }

    /// <summary>Retention policy sent as <c>rp</c> to <c>/query</c>. Empty (default) means <c>InfluxDb:RetentionPolicy</c>, else the database's default.</summary>
    public string? SourceRetentionPolicy { get; set; }

    /// <summary>Bucket receiving the summaries (v2 API). Empty (default) means <c>&lt;InfluxDb:Bucket&gt;_daily</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary>Retention policy receiving the summaries (v1 API), the one the continuous query writes to. Default <c>daily_5y</c>.</summary>
    [Required(ErrorMessage = "Summary:RetentionPolicy is required.")]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Summary:RetentionPolicy may hold only letters, digits and underscores.")]
    public string RetentionPolicy { get; set; } = "daily_5y";

    /// <summary>Rows per chunk of a streamed query answer, which bounds the memory one measurement takes. Default 10,000.</summary>
    public int ChunkSize { get; set; } = 10_000;

    /// <summary>Longest wait for the answer of one query to start. Default 5 minutes.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var fields = (Schedule ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            yield return new ValidationResult(
                $"{SectionName}:Schedule must be an NCRONTAB expression of six fields (second minute hour day month weekday), e.g. '0 10 0 * * *'.",
                [nameof(Schedule)]);
        }

        // Ranges checked here rather than with [Range], so the message names the setting as it is configured.
        if (Days is < 1 or > 366)
        {
            yield return new ValidationResult($"{SectionName}:Days must be between 1 and 366.", [nameof(Days)]);
        }

        if (ChunkSize is < 100 or > 100_000)
        {
            yield return new ValidationResult($"{SectionName}:ChunkSize must be between 100 and 100000.", [nameof(ChunkSize)]);
        }

        if (QueryTimeout < TimeSpan.FromSeconds(1) || QueryTimeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{SectionName}:QueryTimeout must be between 00:00:01 and 01:00:00.", [nameof(QueryTimeout)]);
        }

        if (Bucket is { Length: > 0 } bucket && string.IsNullOrWhiteSpace(bucket))
        {
            yield return new ValidationResult($"{SectionName}:Bucket must not be blank.", [nameof(Bucket)]);
        }
    }
}
