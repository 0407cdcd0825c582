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

    [Fact]
    public async Task ConnectorParameters_Always_MatchTheRevisionTemplate()
    {
        var template = await CompileAsync(RepositoryPaths.ConnectorTemplate);
        var declared = template.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        var supplied = ParameterNames(RepositoryPaths.ConnectorParameters);

        Assert.Equal(declared.Order(StringComparer.Ordinal), supplied.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConnectorParameters_EveryVariable_IsSetByProvisionOrByTheUser()
    {
        // At `azd deploy` the environment holds main.bicep's outputs, the variables main.parameters.json reads,
        // azd's own (AZURE_ENV_NAME, AZURE_LOCATION) and the image it has just pushed.
        var outputs = (await ArmTemplate.MainAsync()).Root.GetProperty("outputs").EnumerateObject().Select(output => output.Name);
        var known = outputs
            .Concat(EnvironmentVariables(File.ReadAllText(RepositoryPaths.MainParameters)))
            .Concat(["AZURE_ENV_NAME", "AZURE_LOCATION", "SERVICE_CONNECTOR_IMAGE_NAME"])
            .ToHashSet(StringComparer.Ordinal);

        var unknown = EnvironmentVariables(File.ReadAllText(RepositoryPaths.ConnectorParameters)).Where(name => !known.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, $"Not set before azd deploy: {string.Join(", ", unknown)}");
    }

    private static IEnumerable<string> EnvironmentVariables(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([A-Z0-9_]+)(=[^}]*)?\}").Select(match => match.Groups[1].Value).Distinct();

    private static List<string> ParameterNames(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToList();
    }

    private static async Task<JsonElement> CompileAsync(string bicepFile)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Root, "build", bicepFile, "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
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
