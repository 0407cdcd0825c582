using System.Buffers;
using System.Diagnostics;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Core.Processing;

/// <summary>
/// Processes one batch of event messages (each an <see cref="Parsing.IngestEnvelope"/>) end to end over the ports:
/// observers, weather once per batch, the pure pipeline, the sink, and the dead-letter store for everything that
/// cannot be written. Shared by the functions and the connector's direct mode. Thread-safe.
/// </summary>
public sealed partial class IngestBatchProcessor
{
    private readonly EventPipeline _pipeline;
    private readonly ILineProtocolSink _sink;
    private readonly IDeadLetterStore _deadLetters;
    private readonly IngestorMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IWeatherProvider? _weather;
    private readonly IBatchObserver[] _observers;
    private readonly SinkOutage? _outage;

    /// <summary>Creates the processor; <paramref name="weather"/>, <paramref name="observers"/> and <paramref name="outage"/> are optional.</summary>
    public IngestBatchProcessor(
        EventPipeline pipeline,
        ILineProtocolSink sink,
        IDeadLetterStore deadLetters,
        IngestorMetrics metrics,
        TimeProvider timeProvider,
        ILogger<IngestBatchProcessor> logger,
        IWeatherProvider? weather = null,
        IEnumerable<IBatchObserver>? observers = null,
        SinkOutage? outage = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(deadLetters);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = pipeline;
        _sink = sink;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _weather = weather;
        _observers = observers?.ToArray() ?? [];
        _outage = outage;
    }

    /// <summary>
    /// Processes a batch. Returns normally when every message is written, skipped, dead-lettered, or (with
    /// <see cref="BatchContext.ReturnUnwrittenOnSinkFailure"/>) listed as unwritten. Throws
    /// <see cref="SinkUnavailableException"/> when the sink is unavailable and the context asks the caller to retry,
    /// and propagates a failure of the dead-letter store itself: nothing is dropped silently.
    /// </summary>
    public async Task<BatchOutcome> ProcessAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> eventMessages,
        BatchContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventMessages);
        ArgumentNullException.ThrowIfNull(context);
        var count = eventMessages.Count;
        if (count == 0)
        {
            return BatchOutcome.Empty;
        }

        using var activity = IngestorActivity.Source.StartActivity("ProcessBatch", ActivityKind.Consumer);
        activity?.SetTag("haingestor.source", context.Source);
        activity?.SetTag("haingestor.batch.size", count);
        activity?.SetTag("haingestor.attempt", context.Attempt);
        _metrics.EventsReceived(count);
        _metrics.BatchProcessed(count);

        NotifyObservers(eventMessages);
        var enrichment = new EnrichmentContext(await GetWeatherAsync(count, cancellationToken).ConfigureAwait(false));

        using var writer = new LineProtocolWriter(_pipeline.Options.Precision);
        var state = new BatchState(count);
        try
        {
            RunPipeline(eventMessages, context, writer, enrichment, state, activity);
            var outcome = await WriteAsync(eventMessages, context, writer, state, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("haingestor.written_events", outcome.WrittenEvents);
            activity?.SetTag("haingestor.dead_lettered", outcome.DeadLettered);
            return outcome;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            state.Return();
        }
    }

    private void RunPipeline(
        IReadOnlyList<ReadOnlyMemory<byte>> eventMessages,
        BatchContext context,
        LineProtocolWriter writer,
        EnrichmentContext enrichment,
        BatchState state,
        Activity? activity)
    {
        // Lag and context come from the pipeline's one read of each message, never from a second parse.
        var measureLag = _metrics.IsEventLagEnabled;
        var wantContext = activity is { IsAllDataRequested: true };
        for (var i = 0; i < eventMessages.Count; i++)
        {
            var message = eventMessages[i].Span;
            state.FirstLine[i] = writer.LineCount;
            ProcessResult result;
            try
            {
                result = _pipeline.Process(message, writer, enrichment, readContextId: wantContext);
            }
#pragma warning disable CA1031 // The pipeline must never throw; if it does, the event is kept as a dead letter, not lost.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PipelineFailed(_logger, ex, context.Source);
                writer.CancelLine();
                state.Outcomes[i] = ProcessOutcome.Rejected;
                state.Rejected++;
                _metrics.EventRejected(DeadLetterReasons.PipelineError);
                state.AddLetter(CreateLetter(eventMessages[i], DeadLetterReasons.PipelineError, ex.GetType().Name, context), null);
                continue;
            }

            state.Outcomes[i] = result.Outcome;
            state.Quality[i] = result.Quality;
            switch (result.Outcome)
            {
                case ProcessOutcome.Rejected:
                    state.Rejected++;
                    var reason = result.Reason.ToString();
                    _metrics.EventRejected(reason);
                    state.AddLetter(CreateLetter(eventMessages[i], reason, result.Detail, context), result.Quality);
                    break;
                case ProcessOutcome.Written when writer.LineCount > state.FirstLine[i]:
                    break;
                default:
                    // Written with no line (every field filtered) counts as skipped: nothing to write, nothing lost.
                    state.Outcomes[i] = ProcessOutcome.Skipped;
                    state.Skipped++;
                    break;
            }

            if (measureLag && result.TimeFired is { } timeFired)
            {
                _metrics.EventLag(timeFired);
            }

            if (wantContext && result.ContextId is { } contextId)
            {
                activity!.SetTag(IngestorActivity.ContextIdTag, contextId);
                wantContext = false;
            }
        }

        state.FirstLine[eventMessages.Count] = writer.LineCount;
    }

    private DeadLetter CreateLetter(ReadOnlyMemory<byte> message, string reason, string? detail, BatchContext context) =>
        new(
            System.Text.Encoding.UTF8.GetString(message.Span),
            reason,
            detail,
            context.Source,
            _timeProvider.GetUtcNow(),
            context.FirstSeenAt,
            context.Attempt);

    private void NotifyObservers(IReadOnlyList<ReadOnlyMemory<byte>> eventMessages)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.Observe(eventMessages);
            }
#pragma warning disable CA1031 // An observer is an optional helper; its failure must not cost the batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.BatchObserverFailed(_logger, ex, observer.GetType().Name);
            }
        }
    }

    private async ValueTask<WeatherSnapshot?> GetWeatherAsync(int count, CancellationToken cancellationToken)
    {
        if (_weather is null)
        {
            return null;
        }

        try
        {
            return await _weather.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Weather is an enrichment: its failure never fails a batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.WeatherFailed();
            Log.WeatherLookupFailed(_logger, ex, count);
            return null;
        }
    }

    /// <summary>Per-batch bookkeeping on pooled arrays.</summary>
    private sealed class BatchState(int count)
    {
        public int[] FirstLine { get; } = ArrayPool<int>.Shared.Rent(count + 1);

        public ProcessOutcome[] Outcomes { get; } = ArrayPool<ProcessOutcome>.Shared.Rent(count);

        /// <summary>Each event's quality counters as the pipeline found them, so dead letters are counted without a second read.</summary>
        public Quality.DomainCounts?[] Quality { get; } = ArrayPool<Quality.DomainCounts?>.Shared.Rent(count);

        public List<DeadLetter> Letters { get; } = [];

        /// <summary>The quality counters of each letter in <see cref="Letters"/>; null when the message could not be read.</summary>
        public List<Quality.DomainCounts?> LetterQuality { get; } = [];

        public int Rejected { get; set; }

        public int Skipped { get; set; }

        public void AddLetter(DeadLetter letter, Quality.DomainCounts? quality)
        {
            Letters.Add(letter);
            LetterQuality.Add(quality);
        }

        public void Return()
        {
            ArrayPool<int>.Shared.Return(FirstLine);
            ArrayPool<ProcessOutcome>.Shared.Return(Outcomes);
            ArrayPool<Quality.DomainCounts?>.Shared.Return(Quality, clearArray: true);
        }
    }
}
