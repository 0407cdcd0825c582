using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Connector.Backfill;

/// <summary>The backfill of one Home Assistant instance: entities, filter, registries, plan, run, summary.</summary>
internal sealed class BackfillJob(
    HomeAssistantOptions homeAssistant,
    BackfillOptions options,
    IEventTransport transport,
    TimeProvider time)
{
    /// <summary>Backfills <paramref name="instance"/>; returns the last progress and why it stopped early (null when complete).</summary>
    public async Task<(BackfillSnapshot Last, string? StoppedBy)> RunAsync(
        HomeAssistantInstanceOptions instance, DateTimeOffset start, DateTimeOffset end, bool statistics, BackfillCheckpoint checkpoint,
        IBackfillView view, CancellationToken cancellationToken)
    {
        var progress = new BackfillProgress(time);
        await using var recorder = await HomeAssistantRecorder.ConnectAsync(instance, homeAssistant, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var filter = new EntityFilter(homeAssistant.Include, homeAssistant.Exclude);
        var entities = (await recorder.ReadEntitiesAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => filter.Allows(e.EntityId))
            .OrderBy(e => e.EntityId, StringComparer.Ordinal)
            .ToList();
        var registry = await recorder.ReadRegistriesAsync(cancellationToken).ConfigureAwait(false);
        var entityIds = entities.Select(e => e.EntityId).ToList();
        var statisticIds = statistics ? entities.Where(e => e.HasStatistics).Select(e => e.EntityId).ToList() : [];

        var requests = BackfillPlan.Build(BackfillKind.States, entityIds, start, end, options, checkpoint)
            .Concat(BackfillPlan.Build(BackfillKind.Statistics, statisticIds, start, end, options, checkpoint))
            .OrderBy(r => r.Window)
            .ThenBy(r => r.Kind)
            .ToList();
        progress.Plan(requests, entityIds.Count, statisticIds.Count, start, end, options.RequestSpan);
        progress.AlreadyDone = CountDone(BackfillKind.States, entityIds) + CountDone(BackfillKind.Statistics, statisticIds);

        var runner = new BackfillRunner(options, transport, time);
        var work = runner.RunAsync(recorder, instance.Name, registry, requests, checkpoint, progress, cancellationToken);
        await view.ShowAsync(progress.Snapshot, work).ConfigureAwait(false);
        try
        {
            await work.ConfigureAwait(false);
            var last = progress.Snapshot();
            return (last, last.FailedRequests > 0 ? $"Home Assistant refused {last.FailedRequests} requests." : null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (progress.Snapshot(), "interrupted.");
        }
        catch (Exception ex) when (ex is HomeAssistantConnectionLostException or SinkUnavailableException or System.Net.WebSockets.WebSocketException)
        {
            return (progress.Snapshot(), ex.Message);
        }

        // Entity-windows whose whole range the checkpoint covered before this run.
        int CountDone(BackfillKind kind, List<string> ids)
        {
            var done = 0;
            for (var windowStart = start; windowStart < end; windowStart += options.RequestSpan)
            {
                var windowEnd = windowStart + options.RequestSpan < end ? windowStart + options.RequestSpan : end;
                done += ids.Count(id => checkpoint.Missing(kind, id, windowStart, windowEnd).Count == 0);
            }

            return done;
        }
    }
}
