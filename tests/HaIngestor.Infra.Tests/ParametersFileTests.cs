using System.Text.Json;

namespace HaIngestor.Infra.Tests;

/// <summary>main.parameters.json and main.bicep agree, so azd neither passes unknown parameters nor misses one.</summary>
public sealed class ParametersFileTests
{
    [Fact]
    public async Task Parameters_Always_AreDeclaredByTheTemplate()
    {
        var declared = await DeclaredParametersAsync();

        var unknown = FileParameters().Where(name => !declared.ContainsKey(name)).ToList();

        Assert.True(unknown.Count == 0, $"Not parameters of main.bicep: {string.Join(", ", unknown)}");
    }

    [Fact]
    public async Task Parameters_WithoutDefault_AreAllSupplied()
    {
        var supplied = FileParameters().ToHashSet(StringComparer.Ordinal);

        var missing = (await DeclaredParametersAsync())
            .Where(parameter => !parameter.Value.TryGetProperty("defaultValue", out _) && !supplied.Contains(parameter.Key))
            .Select(parameter => parameter.Key)
            .ToList();

        Assert.True(missing.Count == 0, $"Required but not in main.parameters.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void SecureParameters_Always_ComeFromTheEnvironment()
    {
        // A literal here would put a secret into the repository.
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.MainParameters));
        var parameters = document.RootElement.GetProperty("parameters");

        foreach (var name in new[] { "homeAssistantToken", "influxDbToken", "weatherApiKey" })
        {
            var value = parameters.GetProperty(name).GetProperty("value").GetString()!;
            Assert.StartsWith("${", value, StringComparison.Ordinal);
        }
    }

    private static List<string> FileParameters()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.MainParameters));
        return document.RootElement.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToList();
    }

    private static async Task<Dictionary<string, JsonElement>> DeclaredParametersAsync()
    {
        var template = await ArmTemplate.MainAsync();
        return template.Root.GetProperty("parameters").EnumerateObject()
            .ToDictionary(parameter => parameter.Name, parameter => parameter.Value, StringComparer.Ordinal);
    }
}
