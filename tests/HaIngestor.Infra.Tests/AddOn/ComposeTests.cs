using HaIngestor.Connector.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace HaIngestor.Infra.Tests.AddOn;

/// <summary>compose.yaml and its env template, read as Docker Compose and the connector would.</summary>
public sealed class ComposeTests
{
    [Fact]
    public void Connector_Always_RestartsChecksHealthAndKeepsDataOnANamedVolume()
    {
        var compose = Load();
        var services = (YamlMappingNode)compose.Children["services"];
        var connector = (YamlMappingNode)services.Children["connector"];
        var environment = (YamlMappingNode)connector.Children["environment"];

        Assert.Equal("unless-stopped", ((YamlScalarNode)connector.Children["restart"]).Value);
        var test = ((YamlSequenceNode)((YamlMappingNode)connector.Children["healthcheck"]).Children["test"]).Children.Cast<YamlScalarNode>().Select(n => n.Value).ToList();
        Assert.Equal(["CMD", "dotnet", "connector.dll", "healthcheck"], test);
        Assert.Contains(ConnectorCommandLine.Create().Subcommands, c => c.Name == "healthcheck");
        var volume = Assert.Single(((YamlSequenceNode)connector.Children["volumes"]).Children.Cast<YamlScalarNode>()).Value!;
        Assert.Equal("ha-ingestor-data:/data", volume);
        Assert.True(((YamlMappingNode)compose.Children["volumes"]).Children.ContainsKey("ha-ingestor-data"));
        Assert.StartsWith("/data/", ((YamlScalarNode)environment.Children["Journal__Path"]).Value, StringComparison.Ordinal);
        Assert.Equal("ha-ingestor.env", ((YamlScalarNode)connector.Children["env_file"]).Value);
        Assert.Equal("connector/Dockerfile", ((YamlScalarNode)((YamlMappingNode)connector.Children["build"]).Children["dockerfile"]).Value);
    }

    [Fact]
    public void EnvTemplate_FilledIn_PassesTheConnectorsValidation()
    {
        var settings = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "ha-ingestor.env.example"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0].Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair[1]);
        Assert.Contains("HOME_ASSISTANT_TOKEN", settings.Keys);
        settings["HomeAssistant:Url"] = settings["HOME_ASSISTANT_URL"];
        settings["HomeAssistant:Token"] = "a-long-lived-token";
        settings["Health:Address"] = "127.0.0.1";
        settings["Health:Port"] = "0";

        var app = RunCommand.Build(settings);
        using (app as IDisposable)
        {
            var ex = Record.Exception(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

            Assert.Null(ex);
        }
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "compose.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
