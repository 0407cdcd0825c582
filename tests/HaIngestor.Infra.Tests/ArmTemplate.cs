using System.Text.Json;

namespace HaIngestor.Infra.Tests;

/// <summary>
/// main.bicep compiled to ARM JSON, with every resource of every nested module deployment reachable. Values the
/// template computes are ARM expressions (strings starting with '['); tests read them as text.
/// </summary>
internal sealed class ArmTemplate
{
    private static readonly Lazy<Task<ArmTemplate>> main = new(CompileMainAsync);

    private ArmTemplate(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    /// <summary>main.bicep, compiled once per test run.</summary>
    public static Task<ArmTemplate> MainAsync() => main.Value;

    /// <summary>Every resource in this template and in the templates of its module deployments.</summary>
    public IEnumerable<ArmResource> Resources => Walk(Root, "main");

    public ArmResource Single(string type) => Resources.Single(resource => resource.Type == type);

    public IEnumerable<ArmResource> OfType(string type) => Resources.Where(resource => resource.Type == type);

    private static IEnumerable<ArmResource> Walk(JsonElement template, string module)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // languageVersion 2.0 (user-defined types) keys resources by symbolic name; 1.0 lists them.
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(property => (Symbol: property.Name, Resource: property.Value))
            : resources.EnumerateArray().Select(resource => (Symbol: resource.GetProperty("name").GetString()!, Resource: resource));
        foreach (var (symbol, resource) in items)
        {
            var type = resource.GetProperty("type").GetString()!;
            var isExisting = resource.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True;
            if (isExisting)
            {
                continue;
            }

            yield return new ArmResource(type, module, resource, template);
            if (type == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                foreach (var inner in Walk(nested, symbol))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<ArmTemplate> CompileMainAsync()
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Root, "build", RepositoryPaths.MainTemplate, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {result}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        return new ArmTemplate(document.RootElement.Clone());
    }
}
