using HaIngestor.Connector.Backfill;

namespace HaIngestor.Connector.Tests.Support;

/// <summary>A backfill view that keeps the last progress and the summary, and can stop the run once some requests are done.</summary>
internal sealed class RecordingBackfillView(CancellationTokenSource? stop = null, int stopAfterRequests = int.MaxValue) : IBackfillView
{
    public BackfillSnapshot? Last { get; private set; }

    public IReadOnlyList<string> Summary { get; private set; } = [];

    public async Task ShowAsync(Func<BackfillSnapshot> snapshot, Task work)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(5)).ConfigureAwait(false);
            if (stop is not null && snapshot().DoneRequests >= stopAfterRequests)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        Last = snapshot();
    }

    public void Finished(IReadOnlyList<string> summary) => Summary = summary;
}
