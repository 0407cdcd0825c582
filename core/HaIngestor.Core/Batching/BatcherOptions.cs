using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Core.Batching;

/// <summary>
/// Options of <see cref="Batcher{T}"/> (configuration section <c>Batching</c>, read by the connector; the functions
/// take their batches from the Event Hubs trigger, sized in host.json). The batcher's capacity is its owner's
/// (the connector's <c>Connector:BufferCapacity</c>).
/// </summary>
public sealed class BatcherOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Batching";

    /// <summary>A batch is emitted when it holds this many items. Default 100.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>A non-empty batch is emitted at the latest this long after its first item. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromSeconds(5);
}
