namespace HaIngestor.Connector.Journal;

/// <summary>Records read from the journal, oldest first, and the position to commit once they are delivered.</summary>
/// <param name="Records">The record payloads.</param>
/// <param name="End">The position just after the last record read.</param>
internal sealed record JournalReadBatch(IReadOnlyList<byte[]> Records, JournalPosition End)
{
    public int Count => Records.Count;
}
