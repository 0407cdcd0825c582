using System.Text.Json;

namespace HaIngestor.TestUtilities;

/// <summary>One series of an InfluxQL answer: measurement name, group-by tags, columns and rows.</summary>
public sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<JsonElement>> Values)
{
    /// <summary>The rows as column-name to value maps, leaving out null cells (fields the point does not have).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Rows()
    {
        var rows = new List<IReadOnlyDictionary<string, JsonElement>>(Values.Count);
        foreach (var row in Values)
        {
            var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count && i < row.Count; i++)
            {
                if (row[i].ValueKind != JsonValueKind.Null)
                {
                    map[Columns[i]] = row[i];
                }
            }

            rows.Add(map);
        }

        return rows;
    }
}
