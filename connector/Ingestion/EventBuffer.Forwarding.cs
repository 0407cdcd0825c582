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
    /// The single consumer: delivers buffered events, and the journal while spilling, until
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
                if (Spilling)
                {
                    await DeliverJournalBatchAsync(transport, redelivery, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var batch = await ReadLiveBatchAsync(stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    continue;
                }

                _inFlight = batch;
                if (!await TrySendAsync(transport, batch, CancellationToken.None).ConfigureAwait(false))
                {
                    if (!TrySpillAfterFailure(batch))
                    {
                        // The journal already holds newer events: this batch is older, so it is retried in place.
                        await redelivery.ExecuteAsync(
                            async (state, ct) => await SendAsync(state.Transport, state.Batch, ct).ConfigureAwait(false),
                            (Transport: transport, Batch: batch),
                            stoppingToken).ConfigureAwait(false);
                    }
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
            if (!TryLeaveSpilling())
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

    private async Task<List<ReceivedEvent>> ReadLiveBatchAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ReceivedEvent>();
        if (!await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            return batch;
        }

        var started = _timeProvider.GetTimestamp();
        while (batch.Count < _batching.MaxBatchSize)
        {
            // Under the gate, because Accept may be moving the channel into the journal: an item taken here while
            // that runs would overtake the older items it journals.
            lock (_gate)
            {
                while (batch.Count < _batching.MaxBatchSize && _channel.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
            }

            var remaining = _batching.MaxBatchDelay - _timeProvider.GetElapsedTime(started);
            if (batch.Count == 0 || batch.Count >= _batching.MaxBatchSize || remaining <= TimeSpan.Zero || stoppingToken.IsCancellationRequested)
            {
                break;
            }

            using var timeout = new CancellationTokenSource(remaining, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
            try
            {
                if (!await _channel.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return batch;
    }

    private async Task<bool> TrySendAsync(IEventTransport transport, IReadOnlyList<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(transport, batch, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
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
            // From here on Accept finds the channel closed and journals whatever still arrives.
            _channel.Writer.TryComplete();
            left = [.. _inFlight ?? []];
            while (_channel.Reader.TryRead(out var item))
            {
                left.Add(item);
            }

            spilling = _spilling;
        }

        if (left.Count > 0)
        {
            var delivered = false;
            if (!spilling)
            {
                using var timeout = new CancellationTokenSource(_options.DrainTimeout, _timeProvider);
                for (var i = 0; i < left.Count && !timeout.IsCancellationRequested; i += _batching.MaxBatchSize)
                {
                    var chunk = left.GetRange(i, Math.Min(_batching.MaxBatchSize, left.Count - i));
                    if (!await TrySendAsync(transport, chunk, timeout.Token).ConfigureAwait(false))
                    {
                        left = left.GetRange(i, left.Count - i);
                        break;
                    }

                    if (i + chunk.Count >= left.Count)
                    {
                        delivered = true;
                    }
                }
            }

            if (!delivered)
            {
                lock (_gate)
                {
                    _counters.AddSpilled(_journal.AppendRange(left.Select(ReceivedEventCodec.Encode)));
                    _spilling = true;
                }

                Log.ShutdownJournaled(_logger, left.Count);
            }
        }

        _journal.Flush(toDisk: true);
        Log.Drained(_logger, _counters.Received, _counters.Published, _journal.PendingRecords);
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
