using System.Globalization;
using HaIngestor.Connector.Status;
using HaIngestor.Core.Quality;

namespace HaIngestor.Connector.Quality;

/// <summary>The status page's data-quality section: entities per status, then the silent, stuck and out-of-range ones.</summary>
internal sealed class QualityStatusSection(QualityTracker tracker) : IStatusSection
{
    /// <summary>Problem entities listed at most.</summary>
    public const int MaxRows = 50;

    public StatusSection Build()
    {
        var totals = tracker.StatusTotals();
        var rows = new List<StatusRow>
        {
            new("Entities tracked", totals.Tracked.ToString(CultureInfo.InvariantCulture)),
            new("Silent", totals.Silent.ToString(CultureInfo.InvariantCulture), totals.Silent > 0 ? "warn" : "ok"),
            new("Stuck unavailable", totals.StuckUnavailable.ToString(CultureInfo.InvariantCulture), totals.StuckUnavailable > 0 ? "warn" : "ok"),
            new("Out of range", totals.OutOfRange.ToString(CultureInfo.InvariantCulture), totals.OutOfRange > 0 ? "warn" : "ok"),
        };
        foreach (var problem in tracker.Problems().Take(MaxRows))
        {
            var home = problem.Home.Length == 0 ? string.Empty : problem.Home + ": ";
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{QualityStatusNames.Name(problem.Status)}, last change {problem.LastSeenAge.TotalMinutes:0.#} min ago");
            rows.Add(new StatusRow(home + problem.EntityId, detail, problem.Status == QualityStatus.OutOfRange ? null : "warn"));
        }

        return new StatusSection("quality", "Data quality", rows);
    }
}
