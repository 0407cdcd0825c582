using System.Globalization;
using HaIngestor.Core.Quality;

namespace HaIngestor.Connector.Demo;

/// <summary>The end-of-demo summary: what happened, where the data is, how to import it.</summary>
internal static class DemoSummary
{
    public static IReadOnlyList<string> Lines(DemoSnapshot last, DemoResult result, string outputPath)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Demo finished after {last.Elapsed.TotalSeconds:0.0} s."),
            string.Create(CultureInfo.InvariantCulture, $"  Events received   {result.Received,10:N0}"),
            string.Create(CultureInfo.InvariantCulture, $"  Lines written     {result.WrittenLines,10:N0}"),
            string.Create(CultureInfo.InvariantCulture, $"  Rejected          {result.Rejected,10:N0}   (dead letters: {Path.Combine(outputPath, "dead-letters")})"),
            string.Create(CultureInfo.InvariantCulture, $"  Restart repeats   {result.RestartDuplicates,10:N0}   (unchanged entities Home Assistant re-announced after {result.Restarts} restart(s), skipped)"),
            string.Create(CultureInfo.InvariantCulture, $"  Journal waiting   {result.JournalDepth,10:N0}"),
        };
        var quality = result.Quality;
        lines.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"  Data quality      {quality.Tracked,10:N0} entities: {quality.Silent} silent, {quality.StuckUnavailable} stuck unavailable, {quality.OutOfRange} out of range"));
        foreach (var problem in result.QualityProblems.Take(10))
        {
            lines.Add($"                    {QualityStatusNames.Name(problem.Status),-18} {problem.EntityId}");
        }

        if (last.ByDomain.Count > 0)
        {
            lines.Add("  By domain         " + string.Join(", ", last.ByDomain.Take(10).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Value:N0}"))));
        }

        lines.AddRange(
        [
            string.Empty,
            "Data:",
        ]);
        foreach (var file in result.Files)
        {
            var size = new FileInfo(file).Length;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {file}  ({size / 1024.0:0.0} KiB)"));
        }

        if (result.Files.Count == 0)
        {
            lines.Add("  (no files written)");
            return lines;
        }

        var sample = result.Files[^1];
        lines.Add(string.Empty);
        lines.Add("Look at it:");
        lines.Add($"  head -n 8 {sample}");
        lines.Add("Import it into InfluxDB:");
        // influx -import writes into the file's CONTEXT-DATABASE and, like POST /write, never creates it.
        lines.Add($"  1.x:  influx -execute 'CREATE DATABASE home_assistant' && influx -import -path={sample} -precision={result.Precision}");
        lines.Add($"  2.x:  influx write --bucket home_assistant --file {sample} --precision {result.Precision}");
        lines.Add("  HTTP: curl -XPOST 'http://localhost:8086/query' --data-urlencode 'q=CREATE DATABASE home_assistant'");
        lines.Add($"        curl -i -XPOST 'http://localhost:8086/write?db=home_assistant&precision={result.Precision}' --data-binary @{sample}");
        return lines;
    }
}
