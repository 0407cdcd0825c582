namespace HaIngestor.Connector.Backfill;

/// <summary>Progress as a line every few seconds, for logs and redirected output.</summary>
internal sealed class PlainBackfillView(TextWriter output, TimeProvider time) : IBackfillView
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    public async Task ShowAsync(Func<BackfillSnapshot> snapshot, Task work)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(Tick, time)).ConfigureAwait(false);
            if (!work.IsCompleted)
            {
                await output.WriteLineAsync(BackfillSummary.Progress(snapshot())).ConfigureAwait(false);
            }
        }
    }

    public void Finished(IReadOnlyList<string> summary)
    {
        foreach (var line in summary)
        {
            output.WriteLine(line);
        }
    }
}
