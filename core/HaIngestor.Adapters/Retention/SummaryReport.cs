namespace HaIngestor.Adapters.Retention;

/// <summary>What one <see cref="IDailySummarizer.SummarizeAsync"/> run did.</summary>
/// <param name="Days">Days in the range.</param>
/// <param name="Measurements">Measurements with a numeric <c>value</c> field that were summarized.</param>
/// <param name="Points">Summary points written.</param>
/// <param name="Duration">How long the run took.</param>
public sealed record SummaryReport(int Days, int Measurements, long Points, TimeSpan Duration);
