using HaIngestor.Connector.Ingestion;

namespace HaIngestor.Connector.Transports;

/// <summary>Takes batches of received events away from the connector: Event Hubs, or the direct pipeline.</summary>
internal interface IEventTransport
{
    /// <summary>A short name for logs, health and metrics.</summary>
    string Name { get; }

    /// <summary>
    /// True when the transport is the core pipeline in-process (direct mode): its batch-size and lag histograms then
    /// measure the hand-over, and the connector records none of its own beside them.
    /// </summary>
    bool RunsPipeline { get; }

    /// <summary>
    /// Delivers the batch in order, retrying transient failures inside. Throws when the transport stays unavailable;
    /// the caller then journals the batch and replays it later (a partly delivered batch is delivered again, which
    /// idempotent points make harmless).
    /// </summary>
    Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken);

    /// <summary>Tells the other side the connector is alive; a no-op where nobody listens.</summary>
    Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken);
}
