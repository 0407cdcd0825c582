using System.Text.Json;
using HaIngestor.Infra.Tests.Arm;

namespace HaIngestor.Infra.Tests.Kql;

/// <summary>
/// Every KQL query the deployment creates, taken from the compiled template as Azure receives it: the log alert
/// rules' queries (with their parameters substituted, as ARM would) and the workbook's query items.
/// </summary>
internal static class DeployedQueries
{
    public static async Task<IReadOnlyList<KqlQuery>> AllAsync()
    {
        var deployment = await HostingProfile.DeployAsync("home");
        var queries = new List<KqlQuery>();

        var alerts = deployment.Resources.Single(resource => resource.Type == "Microsoft.Insights/scheduledQueryRules");
        var rules = Assert.IsType<List<object?>>(alerts.Scope.Variable("logRules"));
        foreach (var rule in rules.Cast<Dictionary<string, object?>>())
        {
            var text = Assert.IsType<string>(rule["query"]);
            queries.Add(new KqlQuery($"alert {rule["displayName"]}", text));
        }

        var workbook = deployment.Resources.Single(resource => resource.Type == "Microsoft.Insights/workbooks");
        var serialized = Assert.IsType<string>(workbook.Evaluate("properties", "serializedData"));
        using var document = JsonDocument.Parse(serialized);
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("type").GetInt32() == 3)
            {
                var content = item.GetProperty("content");
                queries.Add(new KqlQuery($"workbook {content.GetProperty("title").GetString()}", content.GetProperty("query").GetString()!));
            }
        }

        return queries;
    }
}
