using System.Text.RegularExpressions;
using HaIngestor.Connector.AddOn;
using YamlDotNet.RepresentationModel;

namespace HaIngestor.Infra.Tests.AddOn;

/// <summary>
/// The add-on folder read as the Supervisor reads it, as far as that can be reproduced offline: the rules below
/// are transcribed from home-assistant/supervisor (addons/validate.py, now apps/validate.py, and options.py). A
/// config.yaml the Supervisor rejects is skipped silently by the store, so the repository would show no add-on.
/// </summary>
public sealed partial class AddOnConfigTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "addon");

    // options.py RE_SCHEMA_ELEMENT
    [GeneratedRegex(@"^(?:|bool|email|url|port|device(?:\((?:subsystem=[a-z]+)\))?|str(?:\((?:\d+)?,(?:\d+)?\))?|password(?:\((?:\d+)?,(?:\d+)?\))?|int(?:\((?:-?\d+)?,(?:-?\d+)?\))?|float(?:\((?:-?\d*\.?\d+)?,(?:-?\d*\.?\d+)?\))?|match\((?:.*)\)|list\((?:.+)\))\??$")]
    private static partial Regex SchemaElement();

    // validate.py: watchdog
    [GeneratedRegex(@"^(?:https?|\[PROTO:\w+\]|tcp):\/\/\[HOST\]:(\[PORT:(?<port>\d+)\]|(?<port>\d+)).*$")]
    private static partial Regex Watchdog();

    // validate.py: RE_DOCKER_IMAGE (image:) and RE_DOCKER_IMAGE_BUILD (build_from)
    [GeneratedRegex(@"^([a-zA-Z\-\.:\d{}]+/)*?([\-\w{}]+)/([\-\w{}]+)$")]
    private static partial Regex DockerImage();

    [GeneratedRegex(@"^([a-zA-Z\-\.:\d{}]+/)*?([\-\w{}]+)/([\-\w{}]+)(:[\.\-\w{}]+)?$")]
    private static partial Regex DockerImageBuild();

    // const.py: RE_SLUG
    [GeneratedRegex(@"^[-_.A-Za-z0-9]+$")]
    private static partial Regex Slug();

    [Fact]
    public void Config_RequiredKeys_ArePresentAndValid()
    {
        var config = Load("config.yaml");

        foreach (var key in (string[])["name", "version", "slug", "description", "arch"])
        {
            Assert.True(config.Children.ContainsKey(key), $"config.yaml has no '{key}'");
        }

        Assert.Matches(Slug(), Scalar(config, "slug"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", Scalar(config, "version"));
        Assert.Equal(["amd64", "aarch64"], Sequence(config, "arch"));
        Assert.Contains(Scalar(config, "startup"), (string[])["initialize", "system", "services", "application", "once"]);
        Assert.Contains(Scalar(config, "boot"), (string[])["auto", "manual", "manual_only"]);
        Assert.InRange(int.Parse(Scalar(config, "timeout"), System.Globalization.CultureInfo.InvariantCulture), 10, 300);
        Assert.Matches(DockerImage(), Scalar(config, "image"));
        Assert.Contains("{arch}", Scalar(config, "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void Config_AddOnMode_UsesTheProxyIngressAndWatchdogOnTheServedPort()
    {
        var config = Load("config.yaml");
        var servedPort = new HaIngestor.Connector.Service.HealthOptions().Port;

        Assert.Equal("true", Scalar(config, "homeassistant_api"));
        Assert.Equal("true", Scalar(config, "ingress"));
        Assert.Equal(servedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(config, "ingress_port"));
        var watchdog = Watchdog().Match(Scalar(config, "watchdog"));
        Assert.True(watchdog.Success, "watchdog does not match the Supervisor's pattern");
        Assert.Equal(servedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), watchdog.Groups["port"].Value);
        Assert.EndsWith("/health", Scalar(config, "watchdog"), StringComparison.Ordinal);
        Assert.Contains("ENV Health__Port=" + servedPort, File.ReadAllText(Path.Combine(Folder, "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_Always_IsExactlyTheOptionsTheConnectorReads()
    {
        var schema = (YamlMappingNode)Load("config.yaml").Children["schema"];

        var declared = schema.Children.Select(entry => (
            Name: ((YamlScalarNode)entry.Key).Value!,
            Type: entry.Value is YamlSequenceNode list ? "[" + Assert.Single(list.Children.Cast<YamlScalarNode>()).Value + "]" : ((YamlScalarNode)entry.Value).Value!)).ToList();

        Assert.Equal(AddOnOptions.All.Select(o => (o.Name, o.SchemaType)), declared);
        foreach (var (name, type) in declared)
        {
            Assert.True(SchemaElement().IsMatch(type.Trim('[', ']')), $"schema of '{name}' ({type}) is not a Supervisor schema element");
        }
    }

    [Fact]
    public void Options_Always_CoverEveryRequiredOptionWithAValueItsSchemaAccepts()
    {
        var config = Load("config.yaml");
        var options = (YamlMappingNode)config.Children["options"];
        var names = options.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToHashSet();

        foreach (var option in AddOnOptions.All)
        {
            if (option.Required || option.SchemaType.StartsWith('['))
            {
                Assert.True(names.Contains(option.Name), $"required option '{option.Name}' has no default in options");
            }
        }

        foreach (var (key, value) in options.Children)
        {
            var option = Assert.Single(AddOnOptions.All, o => o.Name == ((YamlScalarNode)key).Value);
            if (option.SchemaType.StartsWith("list(", StringComparison.Ordinal))
            {
                var choices = option.SchemaType[5..option.SchemaType.IndexOf(')', StringComparison.Ordinal)].Split('|');
                Assert.Contains(((YamlScalarNode)value).Value, choices);
            }
            else if (option.SchemaType.StartsWith("url", StringComparison.Ordinal))
            {
                Assert.True(Uri.TryCreate(((YamlScalarNode)value).Value, UriKind.Absolute, out _), $"default of '{option.Name}' is not a URL");
            }
        }
    }

    [Fact]
    public void Options_Defaults_AreAcceptedByTheConnector()
    {
        var options = (YamlMappingNode)Load("config.yaml").Children["options"];
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in options.Children)
        {
            json[((YamlScalarNode)key).Value!] = value is YamlSequenceNode list
                ? new System.Text.Json.Nodes.JsonArray([.. list.Children.Select(i => (System.Text.Json.Nodes.JsonNode?)((YamlScalarNode)i).Value)])
                : ((YamlScalarNode)value).Value;
        }

        var settings = AddOnOptionsReader.Read(json.ToJsonString());

        Assert.Equal("InfluxDb", settings["Direct:Sink"]);
        Assert.Equal("homeassistant", settings["InfluxDb:Database"]);
    }

    [Fact]
    public void Translations_Always_NameAndDescribeEveryOption()
    {
        var configuration = (YamlMappingNode)Load(Path.Combine("translations", "en.yaml")).Children["configuration"];
        var translated = configuration.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList();

        Assert.Equal(AddOnOptions.All.Select(o => o.Name), translated);
        foreach (var (key, value) in configuration.Children)
        {
            var entry = (YamlMappingNode)value;
            Assert.True(entry.Children.ContainsKey("name") && entry.Children.ContainsKey("description"), $"translation of '{key}' lacks name or description");
        }
    }

    [Fact]
    public void Folder_Always_HoldsDocsIconLogoAndABuildFileForEachArch()
    {
        var build = (YamlMappingNode)Load("build.yaml").Children["build_from"];
        var arch = Sequence(Load("config.yaml"), "arch");

        Assert.Equal(arch, build.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!));
        Assert.All(build.Children.Values.Cast<YamlScalarNode>(), image => Assert.Matches(DockerImageBuild(), image.Value!));
        Assert.True(new FileInfo(Path.Combine(Folder, "DOCS.md")).Length > 1000, "DOCS.md");
        foreach (var image in (string[])["icon.png", "logo.png"])
        {
            var bytes = File.ReadAllBytes(Path.Combine(Folder, image));
            Assert.Equal<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        }

        var repository = Load(Path.Combine("..", "repository.yaml"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(repository, "name")));
    }

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Children[key]).Value ?? string.Empty;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. Assert.IsType<YamlSequenceNode>(node.Children[key]).Children.Cast<YamlScalarNode>().Select(n => n.Value!)];
}
