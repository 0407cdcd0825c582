using YamlDotNet.RepresentationModel;

namespace HaIngestor.Infra.Tests;

/// <summary>azure.yaml parses and points azd at things that exist.</summary>
public sealed class AzureYamlTests
{
    [Fact]
    public void Services_Always_PointAtExistingProjects()
    {
        var services = (YamlMappingNode)Root().Children[new YamlScalarNode("services")];

        var functions = (YamlMappingNode)services.Children[new YamlScalarNode("functions")];
        Assert.Equal("function", Scalar(functions, "host"));
        Assert.True(
            File.Exists(Path.Combine(ProjectFolder(functions), "HaIngestor.Functions.csproj")),
            "The functions service does not point at the folder of HaIngestor.Functions.csproj.");

        var connector = (YamlMappingNode)services.Children[new YamlScalarNode("connector")];
        Assert.Equal("containerapp", Scalar(connector, "host"));
        Assert.True(
            File.Exists(Path.Combine(ProjectFolder(connector), "HaIngestor.Connector.csproj")),
            "The connector service does not point at the folder of HaIngestor.Connector.csproj.");
    }

    [Fact]
    public void ConnectorDocker_Always_BuildsFromTheRepositoryRoot()
    {
        var services = (YamlMappingNode)Root().Children[new YamlScalarNode("services")];
        var connector = (YamlMappingNode)services.Children[new YamlScalarNode("connector")];
        var docker = (YamlMappingNode)connector.Children[new YamlScalarNode("docker")];

        // azd resolves both relative to the service's project folder.
        var dockerfile = Path.GetFullPath(Path.Combine(ProjectFolder(connector), Scalar(docker, "path")));
        var context = Path.GetFullPath(Path.Combine(ProjectFolder(connector), Scalar(docker, "context")));

        Assert.True(File.Exists(dockerfile), $"No Dockerfile at {dockerfile}.");
        Assert.Equal(Path.TrimEndingDirectorySeparator(RepositoryPaths.Root), Path.TrimEndingDirectorySeparator(context));
    }

    [Fact]
    public void Infra_Always_PointsAtTheMainTemplate()
    {
        var infra = (YamlMappingNode)Root().Children[new YamlScalarNode("infra")];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        var folder = Path.Combine(RepositoryPaths.Root, Scalar(infra, "path"));
        Assert.True(File.Exists(Path.Combine(folder, Scalar(infra, "module") + ".bicep")));
        Assert.True(File.Exists(Path.Combine(folder, Scalar(infra, "module") + ".parameters.json")));
    }

    [Fact]
    public async Task Connector_DeploysOnlyWhenTheTemplateSaysItRunsInAzure()
    {
        var services = (YamlMappingNode)Root().Children[new YamlScalarNode("services")];
        var connector = (YamlMappingNode)services.Children[new YamlScalarNode("connector")];
        var outputs = (await ArmTemplate.MainAsync()).Root.GetProperty("outputs");

        // azd expands the condition from its environment, where provision stores every output of main.bicep.
        var condition = Scalar(connector, "condition");
        Assert.Equal("${CONNECTOR_IN_AZURE}", condition);
        Assert.Equal("bool", outputs.GetProperty("CONNECTOR_IN_AZURE").GetProperty("type").GetString());
        Assert.Equal("[variables('connectorInAzure')]", outputs.GetProperty("CONNECTOR_IN_AZURE").GetProperty("value").GetString());
    }

    [Fact]
    public void Connector_RevisionModule_ExistsWithItsParameters()
    {
        var services = (YamlMappingNode)Root().Children[new YamlScalarNode("services")];
        var connector = (YamlMappingNode)services.Children[new YamlScalarNode("connector")];

        // azd deploys infra/<path>/<module>.bicep with <module>.parameters.json as the service's revision.
        var module = Scalar(connector, "module");
        Assert.Equal(RepositoryPaths.ConnectorTemplate, Path.Combine(RepositoryPaths.InfraFolder, module + ".bicep"));
        Assert.True(File.Exists(RepositoryPaths.ConnectorParameters));
    }

    private static YamlMappingNode Root()
    {
        using var reader = new StreamReader(RepositoryPaths.AzureYaml);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string ProjectFolder(YamlMappingNode service) =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Scalar(service, "project")));
}
