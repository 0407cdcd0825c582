using System.Text.Json;
using HaIngestor.Core.Mapping;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Reads the result of <c>recorder/statistics_during_period</c>: <c>{statistic_id: [{"start": ms, "end": ms, "mean",
/// "min", "max", "state", "sum", "change"}]}</c>, start and end in milliseconds since the epoch; a type the statistic
/// does not have is absent or null.
/// </summary>
internal static class StatisticsAnswer
{
    public static List<StatisticPoint> Read(JsonElement result, out int malformed)
    {
        malformed = 0;
        var points = new List<StatisticPoint>();
        if (result.ValueKind != JsonValueKind.Object)
        {
            return points;
        }

        foreach (var statistic in result.EnumerateObject())
        {
            if (statistic.Value.ValueKind != JsonValueKind.Array)
            {
                malformed++;
                continue;
            }

            foreach (var row in statistic.Value.EnumerateArray())
            {
                if (TryRead(statistic.Name, row, out var point))
                {
                    points.Add(point);
                }
                else
                {
                    malformed++;
                }
            }
        }

        return points;
    }

    public static bool TryRead(string statisticId, JsonElement row, out StatisticPoint point)
    {
        point = null!;
        if (row.ValueKind != JsonValueKind.Object
            || !row.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Number || !start.TryGetDouble(out var startMs)
            || !double.IsFinite(startMs) || startMs < 0 || startMs > 253_402_300_799_000)
        {
            return false;
        }

        point = new StatisticPoint(
            statisticId,
            DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(startMs) * TimeSpan.TicksPerMillisecond),
            Number(row, "mean"),
            Number(row, "min"),
            Number(row, "max"),
            Number(row, "state"),
            Number(row, "sum"),
            Number(row, "change"));
        return point.HasValue;
    }

    private static double? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;
}
