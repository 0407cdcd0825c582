namespace HaIngestor.Connector.Backfill;

/// <summary>How a backfill shows its progress and summary: a live progress bar on a terminal, plain lines otherwise.</summary>
internal interface IBackfillView
{
    /// <summary>Shows progress until <paramref name="work"/> completes (without observing its outcome).</summary>
    Task ShowAsync(Func<BackfillSnapshot> snapshot, Task work);

    void Finished(IReadOnlyList<string> summary);
}
