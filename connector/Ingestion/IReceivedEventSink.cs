namespace HaIngestor.Connector.Ingestion;

/// <summary>
/// Where the Home Assistant clients hand over events. <see cref="Accept"/> never waits on downstream work (the
/// socket reader must keep reading); when the in-memory buffer is full the implementation spills to the journal.
/// </summary>
public interface IReceivedEventSink
{
    /// <summary>Takes ownership of the event; never blocks and never drops silently.</summary>
    void Accept(ReceivedEvent receivedEvent);
}
