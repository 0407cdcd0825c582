namespace HaIngestor.Core.Processing;

/// <summary>What a dead-letter replay did.</summary>
/// <param name="Segments">Segments replayed and removed.</param>
/// <param name="Letters">Letters in those segments.</param>
/// <param name="WrittenEvents">Events written to the sink.</param>
/// <param name="DeadLetteredAgain">Events dead-lettered again (still invalid, or refused by the sink).</param>
/// <param name="StoppedBy">Why the replay stopped early (the sink's failure), or null when everything was replayed.</param>
public sealed record ReplayResult(int Segments, int Letters, int WrittenEvents, int DeadLetteredAgain, string? StoppedBy);
