using HaIngestor.Core.Quality;

namespace HaIngestor.Connector.Demo;

/// <summary>What a demo run did.</summary>
/// <param name="Received">Events received from the simulated home.</param>
/// <param name="WrittenLines">Line-protocol lines written.</param>
/// <param name="Rejected">Events rejected as invalid (dead-lettered).</param>
/// <param name="JournalDepth">Events left in the journal.</param>
/// <param name="Files">The line-protocol files.</param>
/// <param name="Precision">Timestamp precision of the files, as the InfluxDB tools spell it.</param>
internal sealed record DemoResult(long Received, long WrittenLines, long Rejected, long JournalDepth, IReadOnlyList<string> Files, string Precision)
{
    /// <summary>Restart re-announcements of unchanged entities skipped.</summary>
    public long RestartDuplicates { get; init; }

    /// <summary>Restarts of the simulated Home Assistant.</summary>
    public int Restarts { get; init; }

    /// <summary>Entities per data-quality status at the end.</summary>
    public QualityTotals Quality { get; init; }

    /// <summary>The entities not ok at the end, worst first.</summary>
    public IReadOnlyList<EntityQualityReport> QualityProblems { get; init; } = [];
}
