using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Processing;

namespace HaIngestor.Connector.Transports.Direct;

/// <summary>
/// The core pipeline in-process: each batch goes through the shared <see cref="IngestBatchProcessor"/> to the sink;
/// invalid events end in the dead-letter store. When the sink stays unavailable the processor throws, and the
/// buffer journals the batch and replays it later.
/// </summary>
internal sealed class DirectTransport(IngestBatchProcessor processor, ConnectorCounters counters) : IEventTransport
{
    public string Name => "direct";

    public bool RunsPipeline => true;

    public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var messages = new ReadOnlyMemory<byte>[events.Count];
        var firstSeen = events[0].ReceivedAt;
        for (var i = 0; i < events.Count; i++)
        {
            messages[i] = events[i].Envelope;
            if (events[i].ReceivedAt < firstSeen)
            {
                firstSeen = events[i].ReceivedAt;
            }
        }

        var outcome = await processor.ProcessAsync(messages, new BatchContext("connector") { FirstSeenAt = firstSeen }, cancellationToken).ConfigureAwait(false);

        // Rejected, skipped and dead-lettered events are the pipeline's own counters (haingestor.events.*).
        counters.AddWrittenLines(outcome.WrittenLines);
    }

    // Nobody downstream watches for a heartbeat in direct mode: /health shows liveness.
    public Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Task.CompletedTask;
}
