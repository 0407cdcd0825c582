using System.Buffers;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Runs a backfill plan: at most <see cref="BackfillOptions.MaxRequestsInFlight"/> requests at once, a pause after each
/// answer, the states through the transport as <c>state_changed</c> events (so through the same pipeline as live
/// ones), statistics straight to the sink, and the checkpoint moved on after each request is written.
/// </summary>
internal sealed class BackfillRunner(
    BackfillOptions options,
    IEventTransport transport,
    ILineProtocolSink? statisticsSink,
    WritePrecision precision,
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
        var message = new ArrayBufferWriter<byte>(4096);
        var envelope = new ArrayBufferWriter<byte>(4096);
        var batch = new List<ReceivedEvent>(Math.Min(options.BatchSize, Math.Max(1, states.Count)));
        var receivedAt = time.GetUtcNow();
        foreach (var state in states)
        {
            message.ResetWrittenCount();
            HistoryEvents.Write(message, state);
            if (!EventHeader.TryRead(message.WrittenSpan, out var header))
            {
                header = new EventHeader("state_changed", state.EntityId, state.LastUpdated, null, state.LastUpdated);
            }

            var placement = registry.Lookup(state.EntityId);
            envelope.ResetWrittenCount();
            IngestEnvelope.Wrap(message.WrittenSpan, new IngestMetadata(home, placement.Area, placement.Device, CatchUp: false), envelope);
            batch.Add(new ReceivedEvent(envelope.WrittenSpan.ToArray(), header, home, CatchUp: false, receivedAt));
            if (batch.Count >= options.BatchSize)
            {
                await SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        await SendAsync(batch, cancellationToken).ConfigureAwait(false);
        return (states.Count, 0, malformed);
    }

    private async Task SendAsync(List<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await transport.SendAsync([.. batch], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }

        batch.Clear();
    }

    private async Task<(int Events, int Points, int Malformed)> StatisticsAsync(
        HomeAssistantRecorder recorder, string? home, BackfillRequest request, CancellationToken cancellationToken)
    {
        var (points, malformed) = await recorder.ReadStatisticsAsync(request.Ids, request.Start, request.End, cancellationToken).ConfigureAwait(false);
        if (statisticsSink is null || points.Count == 0)
        {
            return (0, 0, malformed);
        }

        using var writer = new LineProtocolWriter(precision);
        foreach (var point in points)
        {
            StatisticsMapper.Write(writer, point, home);
        }

        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await statisticsSink.WriteAsync(writer.WrittenMemory, writer.LineCount, cancellationToken).ConfigureAwait(false);
            if (result.RejectedLines.Count > 0)
            {
                throw new SinkUnavailableException($"The sink refused {result.RejectedLines.Count} statistics lines: {result.Reason}");
            }
        }
        finally
        {
            _sending.Release();
        }

        return (0, writer.LineCount, malformed);
    }
}
