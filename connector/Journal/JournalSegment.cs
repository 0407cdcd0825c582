namespace HaIngestor.Connector.Journal;

/// <summary>One segment file: its sequence number and how much of it holds whole records.</summary>
internal sealed class JournalSegment(long sequence, string path)
{
    public long Sequence { get; } = sequence;

    public string Path { get; } = path;

    /// <summary>Bytes of whole records (a torn tail beyond this is ignored).</summary>
    public long Length { get; set; }

    /// <summary>Whole records in the segment.</summary>
    public long Records { get; set; }

    public static string FileName(long sequence) => $"{sequence:D12}.seg";
}
