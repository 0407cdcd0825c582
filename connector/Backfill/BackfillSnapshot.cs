namespace HaIngestor.Connector.Backfill;

/// <summary>A backfill's progress at one moment, for the progress bar and the summary.</summary>
/// <param name="DoneUntil">Everything before this time is written for every entity.</param>
internal sealed record BackfillSnapshot(
    int Entities,
    int Statistics,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset DoneUntil,
    int TotalRequests,
    int DoneRequests,
    int FailedRequests,
    long Events,
    long StatisticPoints,
    long Malformed,
    int AlreadyDone,
    TimeSpan Elapsed,
    double EventsPerSecond,
    TimeSpan? Eta);
