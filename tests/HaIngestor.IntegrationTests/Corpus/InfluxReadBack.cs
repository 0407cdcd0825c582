using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>Reads every point of a database back with InfluxQL, measurement by measurement.</summary>
internal static class InfluxReadBack
{
    public static async Task<IReadOnlyList<ExpectedPoint>> AllPointsAsync(InfluxDbTestDatabase database)
    {
        var points = new List<ExpectedPoint>();
        var measurements = await database.QueryAsync("SHOW MEASUREMENTS");
        foreach (var name in measurements.SelectMany(s => s.Values).Select(row => row[0].GetString()!))
        {
            foreach (var series in await database.QueryAsync($"SELECT * FROM {QuoteIdentifier(name)} GROUP BY *"))
            {
                var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in series.Tags)
                {
                    if (value.Length > 0)
                    {
                        tags[key] = value;
                    }
                }

                foreach (var row in series.Rows())
                {
                    var fields = new SortedDictionary<string, object>(StringComparer.Ordinal);
                    foreach (var (column, cell) in row)
                    {
                        if (column != "time")
                        {
                            fields[column] = ToValue(cell);
                        }
                    }

                    points.Add(new ExpectedPoint(series.Name, new(tags, StringComparer.Ordinal), fields, row["time"].GetInt64()));
                }
            }
        }

        return points;
    }

    /// <summary>An InfluxQL double-quoted identifier.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static object ToValue(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString()!,
        JsonValueKind.Number => cell.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => cell.GetRawText(),
    };
}
