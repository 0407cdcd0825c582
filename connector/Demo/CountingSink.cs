using HaIngestor.Connector.Ingestion;

namespace HaIngestor.Connector.Demo;

/// <summary>Counts events by domain on their way into the real sink.</summary>
internal sealed class CountingSink(IReceivedEventSink inner, DemoStats stats) : IReceivedEventSink
{
    public void Accept(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        stats.Count(receivedEvent.Header.EntityId, receivedEvent.Header.EventType);
        inner.Accept(receivedEvent);
    }
}
