using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Connector.Quality;

/// <summary>
/// The connector's own figures as a point of <c>home_assistant_pipeline</c> per evaluation (direct mode), so a
/// Grafana dashboard on InfluxDB alone shows the pipeline: events, written lines, rejected and dead-lettered events
/// and batches in the interval, mean batch size and lag, buffer and journal depth, entities silent or stuck.
/// Every field is a float, forever (one type per key).
/// </summary>
internal sealed class PipelinePoints(ConnectorCounters counters, PipelineFigures pipeline, EventBuffer buffer)
{
    public const string Measurement = "home_assistant_pipeline";

    private static readonly string[] Reasons = [.. Enum.GetNames<RejectReason>().Where(n => n != nameof(RejectReason.None))];

    /// <summary>Field keys of the rejections by reason: <c>rejected_</c> and the reason in snake case.</summary>
    public static IReadOnlyList<string> ReasonFields { get; } = [.. Reasons.Select(r => "rejected_" + SnakeCase(r))];

    private readonly Dictionary<string, long> _lastRejected = new(StringComparer.Ordinal);
    private Totals _last;

    /// <summary>Appends the interval's point (tag <c>source=connector</c>) and starts the next interval.</summary>
    public void Write(LineProtocolWriter writer, QualityTracker tracker, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tracker);
        var quality = tracker.StatusTotals();
        var rejected = tracker.Counts().SelectMany(c => c.Rejected)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        var batches = pipeline.Batches;
        var lag = pipeline.LagSeconds;
        var current = new Totals(
            counters.Received,
            counters.WrittenLines,
            pipeline.Rejected,
            pipeline.DeadLettered,
            batches.Count,
            batches.Sum,
            lag.Count,
            lag.SumSeconds);
        var last = _last;
        _last = current;
        writer.BeginLine(Measurement);
        writer.Tag("source", "connector");
        writer.Field("events"u8, (double)(current.Received - last.Received));
        writer.Field("written_lines"u8, (double)(current.Written - last.Written));
        writer.Field("rejected"u8, (double)(current.Rejected - last.Rejected));
        writer.Field("dead_lettered"u8, (double)(current.DeadLettered - last.DeadLettered));
        var batchCount = current.Batches - last.Batches;
        writer.Field("batches"u8, (double)batchCount);
        if (batchCount > 0)
        {
            writer.Field("batch_size_mean"u8, (current.BatchEvents - last.BatchEvents) / batchCount);
        }

        var lagged = current.LagCount - last.LagCount;
        if (lagged > 0)
        {
            writer.Field("lag_mean_seconds"u8, (current.LagSum - last.LagSum) / lagged);
        }

        writer.Field("buffer_depth"u8, (double)buffer.Buffered);
        writer.Field("journal_depth"u8, (double)buffer.JournalDepth);
        writer.Field("tracked_entities"u8, (double)quality.Tracked);
        writer.Field("silent_entities"u8, (double)quality.Silent);
        writer.Field("stuck_entities"u8, (double)quality.StuckUnavailable);
        for (var i = 0; i < Reasons.Length; i++)
        {
            var total = rejected.GetValueOrDefault(Reasons[i]);
            writer.Field(ReasonFields[i], (double)(total - _lastRejected.GetValueOrDefault(Reasons[i])));
            _lastRejected[Reasons[i]] = total;
        }

        writer.EndLine(now);
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private readonly record struct Totals(long Received, long Written, long Rejected, long DeadLettered, long Batches, double BatchEvents, long LagCount, double LagSum);
}
