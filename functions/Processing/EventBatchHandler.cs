using System.Text;
using HaIngestor.Adapters.Health;
using HaIngestor.Adapters.Quality;
using HaIngestor.Core.Processing;
using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Processing;

/// <summary>
/// Turns one Event Hubs delivery into a core batch: connector heartbeats are recorded for the health check (never
/// written as points), everything else goes to <see cref="IngestBatchProcessor"/>. On the trigger's final attempt
/// whatever cannot be written is dead-lettered, because the checkpoint advances however the function ends.
/// </summary>
public sealed class EventBatchHandler
{
    /// <summary>Recorded as the dead letters' source.</summary>
    public const string Source = "functions";

    private readonly IngestBatchProcessor _processor;
    private readonly HeartbeatStore _heartbeats;
    private readonly QualityStateSync? _quality;

    /// <summary>Creates the handler; <paramref name="quality"/> shares data-quality state when Redis is configured.</summary>
    public EventBatchHandler(IngestBatchProcessor processor, HeartbeatStore heartbeats, QualityStateSync? quality = null)
    {
        _processor = processor;
        _heartbeats = heartbeats;
        _quality = quality;
    }

    /// <summary>
    /// Processes the delivery. Throws (so the function-level retry runs again) only when the sink is unavailable on
    /// an attempt that is not the last, or when the dead-letter store itself fails.
    /// </summary>
    public async Task<BatchOutcome> HandleAsync(IReadOnlyList<string> bodies, RetryContext? retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var messages = new List<ReadOnlyMemory<byte>>(bodies.Count);
        DateTimeOffset? heartbeat = null;
        foreach (var body in bodies)
        {
            if (string.IsNullOrEmpty(body))
            {
                // Still handed to the processor, which dead-letters it with a reason instead of losing it.
                messages.Add(ReadOnlyMemory<byte>.Empty);
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            if (ConnectorHeartbeat.TryRead(bytes, out var sentAt))
            {
                heartbeat = heartbeat is { } seen && seen > sentAt ? seen : sentAt;
                continue;
            }

            messages.Add(bytes);
        }

        if (heartbeat is { } last)
        {
            await _heartbeats.RecordAsync(last, cancellationToken).ConfigureAwait(false);
        }

        if (_quality is not null)
        {
            await _quality.BeforeBatchAsync(cancellationToken).ConfigureAwait(false);
        }

        var outcome = await _processor.ProcessAsync(messages, CreateContext(retry), cancellationToken).ConfigureAwait(false);
        if (_quality is not null)
        {
            // Never throws: an unreachable Redis keeps the changes for the next batch.
            await _quality.AfterBatchAsync(cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Maps the trigger's retry state: no retry policy, or the last retry, means nobody will deliver this batch again.
    /// </summary>
    internal static BatchContext CreateContext(RetryContext? retry) => new(Source)
    {
        IsFinalAttempt = retry is null || retry.RetryCount >= retry.MaxRetryCount,
        Attempt = (retry?.RetryCount ?? 0) + 1,
    };
}
