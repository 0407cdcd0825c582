using HaIngestor.Connector.Ingestion;

namespace HaIngestor.Connector.Status;

/// <summary>Counts events by domain on their way into the buffer.</summary>
internal sealed class CountingSink(IReceivedEventSink inner, DomainCounts counts) : IReceivedEventSink
{
    public void Accept(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        counts.Count(receivedEvent.Header.EntityId, receivedEvent.Header.EventType);
        inner.Accept(receivedEvent);
    }
}
