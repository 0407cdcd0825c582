using System.Globalization;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>Compares expected and read-back points exactly and lists every difference.</summary>
internal static class PointComparison
{
    /// <param name="expected">Expected points, each with the name of the corpus case it comes from.</param>
    public static IReadOnlyList<string> Differences(IEnumerable<(string Case, ExpectedPoint Point)> expected, IReadOnlyList<ExpectedPoint> actual)
    {
        var differences = new List<string>();
        var expectedById = new Dictionary<string, (string Case, ExpectedPoint Point)>(StringComparer.Ordinal);
        foreach (var item in expected)
        {
            if (!expectedById.TryAdd(item.Point.Identity, item))
            {
                differences.Add($"[corpus] cases '{expectedById[item.Point.Identity].Case}' and '{item.Case}' expect the same point identity {item.Point.Identity}");
            }
        }

        var actualById = new Dictionary<string, ExpectedPoint>(StringComparer.Ordinal);
        foreach (var point in actual)
        {
            if (!actualById.TryAdd(point.Identity, point))
            {
                differences.Add($"[read back] two points with identity {point.Identity}");
            }
        }

        foreach (var (id, (name, point)) in expectedById)
        {
            if (!actualById.Remove(id, out var found))
            {
                var near = actual.FirstOrDefault(a => a.TimeMs == point.TimeMs && a.Measurement == point.Measurement)
                    ?? actual.FirstOrDefault(a => a.TimeMs == point.TimeMs);
                differences.Add($"[{name}] missing point {point}" + (near is null ? string.Empty : $"\n      nearest read back: {near}"));
                continue;
            }

            foreach (var key in point.Fields.Keys.Union(found.Fields.Keys, StringComparer.Ordinal))
            {
                var has = point.Fields.TryGetValue(key, out var want);
                var got = found.Fields.TryGetValue(key, out var value);
                if (!has)
                {
                    differences.Add($"[{name}] {id}: unexpected field {key}={Show(value)}");
                }
                else if (!got)
                {
                    differences.Add($"[{name}] {id}: missing field {key}={Show(want)}");
                }
                else if (!Same(want!, value!))
                {
                    differences.Add($"[{name}] {id}: field {key} expected {Show(want)} but read back {Show(value)}");
                }
            }
        }

        foreach (var (_, point) in actualById)
        {
            differences.Add($"[?] unexpected point read back: {point}");
        }

        return differences;
    }

    private static bool Same(object expected, object actual) => (expected, actual) switch
    {
        (JsonText json, string text) => json.Matches(text),
        (string a, string b) => string.Equals(LineProtocolNames.StringValue(a), b, StringComparison.Ordinal),
        (double a, double b) => a.Equals(b) || (a == 0 && b == 0),
        (bool a, bool b) => a == b,
        _ => false,
    };

    private static string Show(object? value) => value switch
    {
        string s when s.Length > 200 => $"\"{s[..200]}...\" ({s.Length} chars)",
        string s => $"\"{s}\" (string)",
        JsonText j => $"{(j.Json.Length > 200 ? j.Json[..200] + "..." : j.Json)} (JSON string)",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + " (float)",
        bool b => b ? "true (bool)" : "false (bool)",
        null => "null",
        _ => $"{value} ({value.GetType().Name})",
    };
}
