using System.Text.Json;
using System.Text.RegularExpressions;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Dashboards;

/// <summary>
/// Every query of every shipped Grafana dashboard (panels and template variables), with its variables expanded the
/// way Grafana does, runs against the real InfluxDB 1.x filled by a demo run of its schema, and returns rows.
/// </summary>
public sealed class DashboardQueryTests(DemoInfluxDbFixture demo) : IClassFixture<DemoInfluxDbFixture>
{
    public static TheoryData<string> Dashboards() => new(DashboardNames());

    private static string[] DashboardNames() =>
        [.. Directory.GetFiles(DashboardsFolder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DashboardsFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string DashboardsFolder => RepositoryRoot.Combine("dashboards");

    [Fact]
    public void Dashboards_BothSchemasAndSharedOnesShipped() =>
        Assert.Equal(
            ["data-quality.json", "default/entity-explorer.json", "default/home-overview.json", "homeassistant/entity-explorer.json", "homeassistant/home-overview.json", "pipeline.json"],
            DashboardNames());

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Dashboard_EveryQueryWithVariablesExpanded_ParsesAndReturnsRows(string name)
    {
        var database = name.StartsWith("homeassistant/", StringComparison.Ordinal) ? demo.HomeAssistant : demo.Default;
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardsFolder, name)));
        var root = document.RootElement;
        Assert.Equal("${DS_INFLUXDB}", root.GetProperty("__inputs")[0].GetProperty("name").GetString() is { } input ? "${" + input + "}" : null);

        // Variables in order, each expanded with the ones before it, set to All as Grafana expands it in a regex: (a|b|...).
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__interval"] = "1m",
            ["__interval_ms"] = "60000",
            ["timeFilter"] = "time > now() - 6h",
        };
        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var variableName = variable.GetProperty("name").GetString()!;
            var type = variable.GetProperty("type").GetString();
            if (type == "textbox")
            {
                values[variableName] = variable.GetProperty("query").GetString()!;
                continue;
            }

            Assert.Equal("query", type);
            var found = await RowsAsync(database, Expand(variable.GetProperty("query").GetString()!, values), $"{name}: variable {variableName}");
            var options = found.Select(row => row[^1].GetString()!).Distinct(StringComparer.Ordinal).Select(Regex.Escape);
            values[variableName] = "(" + string.Join('|', options) + ")";
        }

        var queries = 0;
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                Assert.True(target.GetProperty("rawQuery").GetBoolean());
                // A panel's relative time override replaces the dashboard's range in its time filter, as in Grafana.
                var panelValues = new Dictionary<string, string>(values, StringComparer.Ordinal);
                if (panel.TryGetProperty("timeFrom", out var timeFrom))
                {
                    panelValues["timeFilter"] = "time > now() - " + timeFrom.GetString();
                }

                var query = Expand(target.GetProperty("query").GetString()!, panelValues);
                await RowsAsync(database, query, $"{name}: panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}");
                queries++;
            }
        }

        Assert.True(queries >= 3, $"{name} has {queries} queries");
    }

    private static string Expand(string query, Dictionary<string, string> values)
    {
        var expanded = Regex.Replace(query, @"\$\{?(\w+)\}?", m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        Assert.DoesNotMatch(@"\$\{?[A-Za-z_]", expanded);
        return expanded;
    }

    private static async Task<List<IReadOnlyList<JsonElement>>> RowsAsync(InfluxDbTestDatabase database, string query, string what)
    {
        IReadOnlyList<InfluxSeries> series;
        try
        {
            series = await database.QueryAsync(query);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{what}: InfluxDB refused\n  {query}\n  {ex.Message}");
        }

        var rows = series.SelectMany(s => s.Values).ToList();
        Assert.True(rows.Count > 0, $"{what}: no rows from\n  {query}");
        return rows;
    }
}
