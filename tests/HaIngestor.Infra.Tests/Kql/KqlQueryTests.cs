using System.Text.RegularExpressions;

namespace HaIngestor.Infra.Tests.Kql;

/// <summary>
/// Every KQL query the deployment creates (log alert rules, workbook) parses and binds against the Application
/// Insights schema with Microsoft's Kusto language service, and reads only metrics and dimensions the code emits.
/// </summary>
public sealed partial class KqlQueryTests
{
    [Fact]
    public async Task DeployedQueries_Always_ParseAndBindWithoutErrors()
    {
        var queries = await DeployedQueries.AllAsync();

        var results = await KustoLanguageService.CheckAsync(queries);

        Assert.Equal(queries.Count, results.Count);
        var errors = results
            .SelectMany(result => result.Value.Where(diagnostic => diagnostic.Severity == "Error")
                .Select(diagnostic => $"{result.Key}: {diagnostic.Code} {diagnostic.Message} at {diagnostic.Start}"))
            .ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task DeployedQueries_Always_IncludeEveryAlertAndWorkbookQuery()
    {
        var queries = await DeployedQueries.AllAsync();

        Assert.Equal(4, queries.Count(query => query.Name.StartsWith("alert ", StringComparison.Ordinal)));
        Assert.True(queries.Count(query => query.Name.StartsWith("workbook ", StringComparison.Ordinal)) >= 10);
        Assert.DoesNotContain(queries, query => query.Text.Contains("<unknown>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("customMetrics | where nam == \"x\"", "KS142")]
    [InlineData("requests | summarize by bin(timestamp, 5m) |", "KS176")]
    [InlineData("customMetrics | where valueSum > \"text\" | project unknownColumn", "KS142")]
    public async Task LanguageService_BrokenQuery_ReportsIt(string query, string code)
    {
        // Guards the tests above against passing vacuously.
        var results = await KustoLanguageService.CheckAsync([new KqlQuery("broken", query)]);

        Assert.Contains(results["broken"], diagnostic => diagnostic.Code == code && diagnostic.Severity == "Error");
    }

    [Fact]
    public async Task DeployedQueries_MetricNames_AreEmittedByTheCode()
    {
        var emitted = ProductionSources().SelectMany(source => MetricLiteral().Matches(source).Select(match => match.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var queries = await DeployedQueries.AllAsync();

        var read = queries.SelectMany(query => MetricLiteral().Matches(query.Text).Select(match => (query.Name, Metric: match.Groups[1].Value))).ToList();

        Assert.NotEmpty(read);
        var missing = read.Where(item => !emitted.Contains(item.Metric)).Select(item => $"{item.Name}: {item.Metric}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Queried but never created by the code:\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task DeployedQueries_Dimensions_AreTagsTheCodeSets()
    {
        var sources = string.Join('\n', ProductionSources());
        var queries = await DeployedQueries.AllAsync();

        var dimensions = queries.SelectMany(query => Dimension().Matches(query.Text).Select(match => (query.Name, Key: match.Groups[1].Value))).ToList();

        Assert.NotEmpty(dimensions);
        var missing = dimensions.Where(item => !sources.Contains($"\"{item.Key}\"", StringComparison.Ordinal)).Select(item => $"{item.Name}: {item.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Dimensions no code sets:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void HeartbeatAlert_Threshold_IsInTheGaugesUnit()
    {
        // The stale-heartbeat rule compares valueMax with heartbeatStaleSeconds: the gauge must be in seconds.
        var declaration = ProductionSources().Select(source => HeartbeatGauge().Match(source)).Single(match => match.Success);

        Assert.Equal("s", declaration.Groups[1].Value);
    }

    private static IEnumerable<string> ProductionSources() =>
        new[] { "core", "connector", "functions" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    [GeneratedRegex("\"(haingestor(?:\\.[a-z0-9_]+)+)\"")]
    private static partial Regex MetricLiteral();

    [GeneratedRegex("customDimensions\\[\"([A-Za-z0-9_.]+)\"\\]")]
    private static partial Regex Dimension();

    [GeneratedRegex("\"haingestor\\.connector\\.heartbeat\\.age\"\\s*,\\s*\\w+\\s*,\\s*\"([^\"]+)\"")]
    private static partial Regex HeartbeatGauge();
}
