namespace HaIngestor.Connector.Journal;

/// <summary>A place in the journal: a segment, a byte offset in it and the number of records before that offset.</summary>
/// <param name="Segment">Sequence number of the segment.</param>
/// <param name="Offset">Byte offset within the segment.</param>
/// <param name="Record">Records (readable or not) before <paramref name="Offset"/> in the segment.</param>
internal readonly record struct JournalPosition(long Segment, long Offset, long Record) : IComparable<JournalPosition>
{
    public int CompareTo(JournalPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(JournalPosition left, JournalPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(JournalPosition left, JournalPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(JournalPosition left, JournalPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(JournalPosition left, JournalPosition right) => left.CompareTo(right) >= 0;
}
