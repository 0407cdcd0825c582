using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HaIngestor.Infra.Tests;

/// <summary>
/// The connector's Dockerfile cannot be built here (no Docker engine), so what can drift is checked as text: the
/// image shape, and that every project the connector builds from source is copied into the build stage.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string dockerfilePath = Path.Combine(RepositoryPaths.Root, "connector", "Dockerfile");

    [Fact]
    public void Images_Always_TheSdkAndAspNetRuntimeOfTheTargetFramework()
    {
        var lines = Instructions();
        var framework = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework["net".Length..];

        var froms = lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.StartsWith($"FROM mcr.microsoft.com/dotnet/sdk:{version} ", froms[0], StringComparison.Ordinal);
        Assert.StartsWith($"FROM mcr.microsoft.com/dotnet/aspnet:{version} ", froms[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_Always_RunsAsTheImagesNonRootUser()
    {
        var runtime = Instructions().SkipWhile(line => !line.EndsWith(" AS runtime", StringComparison.Ordinal)).ToList();

        // The aspnet images define APP_UID (1654) for their non-root "app" user; root would be 0 or "root".
        var user = runtime.Last(line => line.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.DoesNotContain(user, (string[])["0", "root", "0:0"]);
        Assert.True(user == "$APP_UID" || int.TryParse(user, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid > 0, $"USER {user} is not a non-root user");
        Assert.True(runtime.IndexOf(runtime.Last(line => line.StartsWith("USER ", StringComparison.Ordinal))) < runtime.FindIndex(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)), "the entrypoint runs before USER takes effect");
    }

    [Fact]
    public void Expose_Always_ThePortTheConnectorListensOnByDefault()
    {
        var exposed = Instructions().Where(line => line.StartsWith("EXPOSE ", StringComparison.Ordinal)).Select(line => line["EXPOSE ".Length..]).ToList();

        Assert.Equal([new HaIngestor.Connector.Service.HealthOptions().Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], exposed);
    }

    [Fact]
    public void Entrypoint_Always_RunsTheConnectorAssembly()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "connector", "HaIngestor.Connector.csproj"));
        var assemblyName = project.Descendants("AssemblyName").Single().Value;

        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assemblyName}.dll\", \"run\"]", Instructions().Last());
    }

    [Fact]
    public void BuildStage_Always_CopiesEveryProjectTheConnectorReferences()
    {
        var copied = Instructions()
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(line => line["COPY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        foreach (var project in ConnectorProjectClosure())
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/');
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/') + "/";
            Assert.True(copied.Contains(relative), $"{relative} is not copied before the restore.");
            Assert.True(
                copied.Any(source => folder.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal)),
                $"The sources of {folder} are not copied into the build stage.");
        }
    }

    [Fact]
    public void Publish_Always_ReadyToRunForTheRuntimeItRestoredFor()
    {
        var lines = Instructions();
        var restore = Assert.Single(lines, line => line.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Assert.Single(lines, line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));

        // --no-restore needs the assets of the same runtime identifier, or the publish fails (NETSDK1047).
        Assert.Contains("--runtime linux-x64", restore, StringComparison.Ordinal);
        Assert.Contains("--runtime linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("--no-restore", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
    }

    /// <summary>The connector project and everything it references, transitively, as full paths.</summary>
    private static HashSet<string> ConnectorProjectClosure()
    {
        var pending = new Stack<string>([Path.Combine(RepositoryPaths.Root, "connector", "HaIngestor.Connector.csproj")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
            }
        }

        return seen;
    }

    /// <summary>Dockerfile instructions with comments dropped and continuation lines joined.</summary>
    private static List<string> Instructions()
    {
        var text = File.ReadAllText(dockerfilePath);
        var withoutComments = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
        return Continuation().Replace(withoutComments, " ")
            .Split('\n')
            .Select(line => Whitespace().Replace(line.Trim(), " "))
            .Where(line => line.Length > 0)
            .ToList();
    }

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
