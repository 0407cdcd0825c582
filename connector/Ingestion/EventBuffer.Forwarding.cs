using System.Globalization;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Transports;
using Polly;
using Polly.Retry;

namespace HaIngestor.Connector.Ingestion;

internal sealed partial class EventBuffer
{
    private IReadOnlyList<ReceivedEvent>? _inFlight;

    /// <summary>The transport's state, for /health.</summary>
    public TransportStatus TransportStatus { get; } = new();

    /// <summary>
    /// The single consumer: delivers the batcher's batches, then the journal while spilling, until
    /// <paramref name="stoppingToken"/> fires; then delivers (or journals) what is left and fsyncs the journal.
    /// </summary>
    public async Task RunAsync(IEventTransport transport, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var redelivery = BuildRedeliveryPipeline();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // What the batcher holds is older than anything in the journal, so it goes first.
                if (_batcher.Count == 0 && Spilling)
                {
                    await DeliverJournalBatchAsync(transport, redelivery, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var batch = await _batcher.ReadBatchAsync(stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    continue;
                }

                _inFlight = batch;
                if (!await TrySendAsync(transport, batch, CancellationToken.None).ConfigureAwait(false)
                    && !await TrySpillAfterFailureAsync(batch).ConfigureAwait(false))
                {
                    // The journal already holds newer events: this batch is older, so it is retried in place.
                    await redelivery.ExecuteAsync(
                        async (state, ct) => await SendAsync(state.Transport, state.Batch, ct).ConfigureAwait(false),
                        (Transport: transport, Batch: batch),
                        stoppingToken).ConfigureAwait(false);
                }

                _inFlight = null;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the drain below takes care of what is left.
        }

        await DrainAsync(transport).ConfigureAwait(false);
    }

    private async Task DeliverJournalBatchAsync(IEventTransport transport, ResiliencePipeline redelivery, CancellationToken stoppingToken)
    {
        var read = _journal.ReadBatch(_batching.MaxBatchSize);
        if (read.Count == 0)
        {
            if (TryLeaveSpilling())
            {
                return;
            }

            if (_writer.Pending > 0)
            {
                // Events on their way into the journal: wake when the writer has written something.
                await _writer.WaitForWriteAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _timeProvider, stoppingToken).ConfigureAwait(false);
            }

            return;
        }

        var events = new List<ReceivedEvent>(read.Count);
        foreach (var record in read.Records)
        {
            if (ReceivedEventCodec.TryDecode(record, out var decoded))
            {
                events.Add(decoded);
            }
            else
            {
                _counters.AddJournalCorrupt();
            }
        }

        if (events.Count > 0)
        {
            await redelivery.ExecuteAsync(
                async (state, ct) => await SendAsync(state.Transport, state.Events, ct).ConfigureAwait(false),
                (Transport: transport, Events: events),
                stoppingToken).ConfigureAwait(false);
            _counters.AddReplayed(events.Count);
            _outage.AddReplayed(events.Count);
        }

        _journal.Commit(read.End);
    }

    /// <summary>
    /// False when the transport refused the batch or <paramref name="cancellationToken"/> ended the send (the drain's
    /// time ran out): either way the caller still owns the batch and journals it. A cancelled send may have reached
    /// the sink; journaling it again then writes the same points twice, which leaves the data identical.
    /// </summary>
    private async Task<bool> TrySendAsync(IEventTransport transport, IReadOnlyList<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(transport, batch, cancellationToken).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // Any failure, the cancellation included, leaves the batch with the caller, which journals it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private async Task SendAsync(IEventTransport transport, IReadOnlyList<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        var attemptStarted = _timeProvider.GetUtcNow();
        try
        {
            await transport.SendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _counters.AddSendFailure();
            TransportStatus.Failed(ex, _timeProvider.GetUtcNow());
            Log.TransportSendFailed(_logger, transport.Name, batch.Count, ex.GetType().Name, ex.Message);
            _outage.Failed("Transport " + transport.Name, $"{ex.GetType().Name}: {ex.Message}", attemptStarted);
            throw;
        }

        var now = _timeProvider.GetUtcNow();
        TransportStatus.Succeeded(now);
        _outage.Succeeded();
        _counters.AddPublished(batch.Count);
        if (transport.RunsPipeline)
        {
            // The pipeline measured this batch and its lag already (haingestor.batch.size, haingestor.event.lag).
            return;
        }

        _counters.BatchSize.Observe(batch.Count);
        foreach (var e in batch)
        {
            _counters.EventLagSeconds.Observe(Math.Max(0, (now - e.Header.TimeFired).TotalSeconds));
        }
    }

    private async Task DrainAsync(IEventTransport transport)
    {
        List<ReceivedEvent> left;
        bool spilling;
        lock (_gate)
        {
            // From here on Accept finds the batcher closed, and holds whatever still arrives behind what is left here
            // until that is delivered or queued for the journal: a newer event never reaches the journal first.
            _batcher.Complete();
            left = [.. _inFlight ?? []];
            left.AddRange(_batcher.TakeAll());
            spilling = _spilling;
            _spilling = true;
            _heldWhileDraining = [];
        }

        if (left.Count > 0 && !spilling)
        {
            using var timeout = new CancellationTokenSource(_options.DrainTimeout, _timeProvider);
            var delivered = 0;
            while (delivered < left.Count && !timeout.IsCancellationRequested)
            {
                var chunk = left.GetRange(delivered, Math.Min(_batching.MaxBatchSize, left.Count - delivered));
                if (!await TrySendAsync(transport, chunk, timeout.Token).ConfigureAwait(false))
                {
                    break;
                }

                delivered += chunk.Count;
            }

            left = left.GetRange(delivered, left.Count - delivered);
        }

        var journaled = left.Count;
        await QueueBehindDrainAsync(left).ConfigureAwait(false);
        if (journaled > 0)
        {
            var reason = spilling
                ? "behind the events the journal already holds"
                : string.Create(CultureInfo.InvariantCulture, $"the transport did not take them within Connector:DrainTimeout ({_options.DrainTimeout})");
            Log.ShutdownJournaled(_logger, journaled, reason);
        }

        // Everything handed to the writer is in the journal once it completes; then the journal goes to disk.
        await _writer.CompleteAsync().ConfigureAwait(false);
        _journal.Flush(toDisk: true);
        Log.Drained(_logger, _counters.Received, _counters.Published, _journal.PendingRecords);
    }

    /// <summary>
    /// Queues the drain's undelivered events for the journal, then what Accept held meanwhile, and only then lets
    /// Accept queue for the writer itself: the last hand-over happens under the gate, so nothing can pass it.
    /// </summary>
    private async Task QueueBehindDrainAsync(List<ReceivedEvent> undelivered)
    {
        var pending = undelivered;
        while (true)
        {
            lock (_gate)
            {
                pending.AddRange(_heldWhileDraining!);
                _heldWhileDraining!.Clear();
                if (_writer.TryEnqueueRange(pending))
                {
                    _heldWhileDraining = null;
                    return;
                }
            }

            // The writer's queue is full: wait for room outside the gate; Accept keeps holding new events meanwhile.
            await _writer.EnqueueRangeAsync(pending, CancellationToken.None).ConfigureAwait(false);
            pending = [];
        }
    }

    private ResiliencePipeline BuildRedeliveryPipeline()
    {
        var maxDelay = _options.RetryMaxDelay;
        var firstDelay = maxDelay < TimeSpan.FromSeconds(1) ? maxDelay : TimeSpan.FromSeconds(1);
        return new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay,
                MaxDelay = maxDelay,
            })
            .Build();
    }
}
