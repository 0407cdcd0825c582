using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaIngestor.Infra.Tests.Kql;

/// <summary>
/// Runs Microsoft's Kusto language service (npm @kusto/language-service-next, through tests/node/kql-check.js)
/// over queries, binding them against the Application Insights schema in ApplicationInsightsSchema.json.
/// </summary>
internal static class KustoLanguageService
{
    private static readonly TimeSpan timeout = TimeSpan.FromMinutes(3);

    public static string SchemaPath => Path.Combine(RepositoryPaths.Root, "tests", "HaIngestor.Infra.Tests", "Kql", "ApplicationInsightsSchema.json");

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<KqlDiagnostic>>> CheckAsync(IEnumerable<KqlQuery> queries)
    {
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(SchemaPath))!;
        var input = new JsonObject
        {
            ["database"] = schema["database"]!.GetValue<string>(),
            ["tables"] = schema["tables"]!.DeepClone(),
            ["queries"] = new JsonArray(queries.Select(query => (JsonNode)new JsonObject { ["name"] = query.Name, ["text"] = query.Text }).ToArray()),
        };

        var script = Path.Combine(RepositoryPaths.NodeTools, "kql-check.js");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.NodeTools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        using (var cancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kql-check.js did not finish within {timeout}.");
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kql-check.js exited with {process.ExitCode} (is tests/node installed? ./test.sh runs npm ci): {await stderr}");
        }

        using var output = JsonDocument.Parse(await stdout);
        return output.RootElement.EnumerateArray().ToDictionary(
            result => result.GetProperty("name").GetString()!,
            result => (IReadOnlyList<KqlDiagnostic>)result.GetProperty("diagnostics").EnumerateArray()
                .Select(diagnostic => new KqlDiagnostic(
                    diagnostic.GetProperty("severity").GetString()!,
                    diagnostic.GetProperty("code").GetString()!,
                    diagnostic.GetProperty("message").GetString()!,
                    diagnostic.GetProperty("start").GetInt32(),
                    diagnostic.GetProperty("length").GetInt32()))
                .ToList(),
            StringComparer.Ordinal);
    }
}
