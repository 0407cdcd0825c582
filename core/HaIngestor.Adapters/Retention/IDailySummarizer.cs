namespace HaIngestor.Adapters.Retention;

/// <summary>Writes the daily summaries (mean, min, max and count of <c>value</c> per series and UTC day) of a range of days.</summary>
public interface IDailySummarizer
{
    /// <summary>
    /// Summarizes the whole UTC days in [<paramref name="from"/>, <paramref name="to"/>). Idempotent: a day's summary
    /// points carry the day's start as timestamp, so a re-run overwrites them.
    /// </summary>
    Task<SummaryReport> SummarizeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
