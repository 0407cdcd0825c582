using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters.Quality;

/// <summary>
/// One evaluation round, the same in both hosts: take in the shared state (when there is a store), evaluate, write
/// a quality point per status change to the sink, share the result. A change the sink could not take is undone in
/// the tracker, so it is reported again next round. One log line per round that changed something.
/// </summary>
public sealed class QualityEvaluator
{
    private readonly QualityTracker _tracker;
    private readonly IQualityStore? _store;
    private readonly ILineProtocolSink? _sink;
    private readonly WritePrecision _precision;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _untrackedLogged;

    /// <summary>Creates the evaluator; without <paramref name="store"/> state stays in memory, without <paramref name="sink"/> no points are written.</summary>
    public QualityEvaluator(QualityTracker tracker, IQualityStore? store, ILineProtocolSink? sink, PipelineOptions pipelineOptions, ILogger<QualityEvaluator> logger)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(pipelineOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _tracker = tracker;
        _store = store;
        _sink = tracker.Options.WritePoints ? sink : null;
        _precision = pipelineOptions.Precision;
        _logger = logger;
    }

    /// <summary>The tracker evaluated.</summary>
    public QualityTracker Tracker => _tracker;

    /// <summary>Runs one round; rounds never overlap. Throws only for cancellation and for sink errors other than unavailability.</summary>
    public async Task<QualityEvaluation> EvaluateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EvaluateCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<QualityEvaluation> EvaluateCoreAsync(CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            if (await _store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } loaded)
            {
                _tracker.Merge(loaded);
            }
        }

        var changes = _tracker.Evaluate();
        var points = 0;
        var deferred = false;
        if (changes.Count > 0 && _sink is not null)
        {
            using var writer = new LineProtocolWriter(_precision);
            var lines = QualityPoints.Write(writer, _tracker.Options.Measurement, changes);
            try
            {
                var result = await _sink.WriteAsync(writer.WrittenMemory, lines, cancellationToken).ConfigureAwait(false);
                points = lines - result.RejectedLines.Count;
            }
            catch (SinkUnavailableException ex)
            {
                _tracker.Revert(changes);
                deferred = true;
                Log.QualityPointsDeferred(_logger, changes.Count, ex.Message);
            }
        }

        if (_store is not null)
        {
            var shared = _tracker.TakeChanged();
            var statuses = deferred ? [] : changes.Select(c => new SharedEntityStatus(c.Home, c.EntityId, c.Status)).ToList();
            if (!await _store.SaveAsync(shared with { Statuses = statuses }, _tracker.TakeForgotten(), cancellationToken).ConfigureAwait(false))
            {
                _tracker.MarkChanged(shared);
            }
        }
        else
        {
            _tracker.TakeForgotten();
        }

        var totals = _tracker.StatusTotals();
        if (changes.Count > 0 && !deferred)
        {
            Log.QualityEvaluated(
                _logger,
                changes.Count,
                changes.Count(c => c.Status == QualityStatus.Silent),
                changes.Count(c => c.Status == QualityStatus.StuckUnavailable),
                changes.Count(c => c.Status == QualityStatus.OutOfRange),
                changes.Count(c => c.Status == QualityStatus.Ok),
                totals.Problems,
                totals.Tracked,
                points);
        }

        if (totals.Untracked > _untrackedLogged && _untrackedLogged == 0)
        {
            Log.QualityBoundReached(_logger, totals.Untracked, _tracker.Options.MaxEntities);
        }

        _untrackedLogged = totals.Untracked;
        return new QualityEvaluation(changes, points, deferred, totals);
    }
}
