using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.Journal;

/// <summary>Options of the on-disk journal that holds events the transport could not take (section <c>Journal</c>).</summary>
public sealed class JournalOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Journal";

    /// <summary>Folder of the segment files. Default <c>data/journal</c> (the container sets <c>/data/journal</c>).</summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine("data", "journal");

    /// <summary>Largest total size of all segments; beyond it the oldest segment is dropped (counted, logged). Default 1 GiB.</summary>
    [Range(4096L, long.MaxValue)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A segment is closed (and fsynced) once it reaches this size. Default 16 MiB.</summary>
    [Range(1024L, 1L << 32)]
    public long SegmentBytes { get; set; } = 16L << 20;

    /// <summary>
    /// How often the open segment is fsynced when it has unsynced writes. Appends are flushed to the OS at once (a
    /// process crash loses nothing); this bounds what a power loss can take. Default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Events that may wait in memory for the journal writer once the event buffer is full. The socket reader only
    /// queues here; beyond it events are dropped and counted. Default 10,000 (about 15 MB of typical events).
    /// </summary>
    [Range(16, 1_000_000)]
    public int WriteQueueCapacity { get; set; } = 10_000;
}
