using HaIngestor.Core.Quality;

namespace HaIngestor.Adapters.Quality;

/// <summary>The result of one evaluation.</summary>
/// <param name="Changes">Status changes found (reported once each).</param>
/// <param name="PointsWritten">Quality points the sink accepted.</param>
/// <param name="Deferred">True when the sink was unavailable: the changes are reported again next time.</param>
/// <param name="Totals">Entities per status now.</param>
public sealed record QualityEvaluation(IReadOnlyList<EntityQualityReport> Changes, int PointsWritten, bool Deferred, QualityTotals Totals);
