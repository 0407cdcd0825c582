using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Core.Batching;

/// <summary>Options of <see cref="Batcher{T}"/> (configuration section <c>Batching</c>).</summary>
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

    /// <summary>Items buffered before writers wait (backpressure). Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int Capacity { get; set; } = 10_000;
}
