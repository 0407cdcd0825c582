namespace HaIngestor.Connector.Demo;

/// <summary>What the demo shows at one moment.</summary>
internal sealed record DemoSnapshot(
    TimeSpan Elapsed,
    string HomeState,
    string? HaVersion,
    long Received,
    double EventsPerSecond,
    long WrittenLines,
    long Rejected,
    long DeadLettered,
    long JournalDepth,
    int Buffered,
    int Problems,
    IReadOnlyList<KeyValuePair<string, long>> ByDomain,
    IReadOnlyList<string> RecentProblems);
