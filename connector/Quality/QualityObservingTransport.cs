using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Quality;

namespace HaIngestor.Connector.Quality;

/// <summary>
/// In Event Hubs mode the pipeline runs in the functions, so the connector observes data quality on the forwarding
/// path itself: every event the transport took, for <c>/health</c> and <c>/metrics</c>.
/// </summary>
internal sealed class QualityObservingTransport(IEventTransport inner, QualityTracker tracker) : IEventTransport
{
    public string Name => inner.Name;

    public bool RunsPipeline => inner.RunsPipeline;

    public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        await inner.SendAsync(events, cancellationToken).ConfigureAwait(false);
        foreach (var received in events)
        {
            tracker.ObserveMessage(received.Envelope);
        }
    }

    public Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => inner.SendHeartbeatAsync(heartbeat, cancellationToken);
}
