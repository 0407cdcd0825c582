using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Runs a backfill plan: at most <see cref="BackfillOptions.MaxRequestsInFlight"/> requests at once, a pause after each
/// answer, the states as <c>state_changed</c> events and the statistics as <c>ha_ingestor_statistics</c> events through
/// the transport (so through the pipeline of live events, in-process or behind Event Hubs), and the checkpoint moved
/// on after each request is written.
/// </summary>
internal sealed class BackfillRunner(
    BackfillOptions options,
    IEventTransport transport,
    TimeProvider time)
{
    // The pipeline is fed one batch at a time, as the forwarder of a live run does.
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>Runs every request; throws when Home Assistant or the sink goes away (what was written stays checkpointed).</summary>
    public async Task RunAsync(
        HomeAssistantRecorder recorder, string? home, RegistrySnapshot registry, IReadOnlyList<BackfillRequest> requests,
        BackfillCheckpoint checkpoint, BackfillProgress progress, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxRequestsInFlight, options.MaxRequestsInFlight);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        try
        {
            foreach (var request in requests)
            {
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                running.Add(RunOneAsync(request));
                running.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // A request failed or the run was stopped: the awaits below say which.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        async Task RunOneAsync(BackfillRequest request)
        {
            try
            {
                var (events, points, malformed) = request.Kind == BackfillKind.States
                    ? await StatesAsync(recorder, home, registry, request, failed.Token).ConfigureAwait(false)
                    : await StatisticsAsync(recorder, home, request, failed.Token).ConfigureAwait(false);
                checkpoint.MarkDone(request.Kind, request.Ids, request.Start, request.End);
                progress.OnRequestDone(request, events, points, malformed);
                await Task.Delay(options.PauseBetweenRequests, time, failed.Token).ConfigureAwait(false);
            }
            catch (HomeAssistantCommandException)
            {
                // Home Assistant refused this request (e.g. the recorder is not loaded); the rest may still work, and
                // this one is not checkpointed, so the next run asks again.
                progress.OnRequestFailed(request);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private async Task<(int Events, int Points, int Malformed)> StatesAsync(
        HomeAssistantRecorder recorder, string? home, RegistrySnapshot registry, BackfillRequest request, CancellationToken cancellationToken)
    {
        var (states, malformed) = await recorder.ReadHistoryAsync(request.Ids, request.Start, request.End, cancellationToken).ConfigureAwait(false);
        var events = BackfillEvents.States(states, home, registry, time.GetUtcNow());
        await SendAllAsync(events, cancellationToken).ConfigureAwait(false);
        return (states.Count, 0, malformed);
    }

    private async Task SendAsync(IReadOnlyList<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await transport.SendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SinkUnavailableException))
        {
            // The transport retried inside and gave up (Event Hubs unreachable, a refused key): the run stops with
            // what was written checkpointed, and says why, instead of ending in a stack trace.
            throw new SinkUnavailableException($"{transport.Name} did not take the events: {ex.Message}", ex);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<(int Events, int Points, int Malformed)> StatisticsAsync(
        HomeAssistantRecorder recorder, string? home, BackfillRequest request, CancellationToken cancellationToken)
    {
        var (points, malformed) = await recorder.ReadStatisticsAsync(request.Ids, request.Start, request.End, cancellationToken).ConfigureAwait(false);
        var events = BackfillEvents.Statistics(points, home, time.GetUtcNow());
        await SendAllAsync(events, cancellationToken).ConfigureAwait(false);
        return (0, events.Count, malformed);
    }

    private async Task SendAllAsync(List<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        for (var i = 0; i < events.Count; i += options.BatchSize)
        {
            await SendAsync(events.GetRange(i, Math.Min(options.BatchSize, events.Count - i)), cancellationToken).ConfigureAwait(false);
        }
    }
}
