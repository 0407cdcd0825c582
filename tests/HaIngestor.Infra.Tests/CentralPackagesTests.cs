using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HaIngestor.Infra.Tests;

/// <summary>
/// Directory.Packages.props with transitive pinning off: a listed version only means something for a project that
/// references the package itself, so every entry must be referenced, and a package the code calls must be referenced
/// where it is called rather than arrive through another package at whatever version that one asks for.
/// </summary>
public sealed partial class CentralPackagesTests
{
    // Put together so that this file does not count as one that calls the client.
    private static readonly string RedisUsing = "using " + "StackExchange" + ".Redis;";

    private static readonly string[] SourceFolders = ["core", "connector", "functions", "simulator", "bench", "fuzz", "tests"];

    [Fact]
    public void PackageVersions_Always_EachReferencedByAProject()
    {
        var referenced = Projects().SelectMany(PackageReferences).Concat(PackageReferences(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))).Concat(PackageReferences(Path.Combine(RepositoryPaths.Root, "Directory.Build.targets"))).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unused = PackageVersions().Keys.Where(name => !referenced.Contains(name)).ToList();

        Assert.True(unused.Count == 0, $"Directory.Packages.props lists versions no project references (they have no effect): {string.Join(", ", unused)}");
    }

    [Fact]
    public void StackExchangeRedis_UsedInCode_ReferencedByThatProjectAtThePinnedVersion()
    {
        var versions = PackageVersions();
        Assert.True(versions.ContainsKey("StackExchange.Redis"), "Directory.Packages.props pins no StackExchange.Redis version.");

        var users = Projects().Where(project => Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Any(file => File.ReadAllText(file).Contains(RedisUsing, StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(users);
        foreach (var project in users)
        {
            Assert.True(
                PackageReferences(project).Contains("StackExchange.Redis", StringComparer.OrdinalIgnoreCase),
                $"{Path.GetFileName(project)} calls StackExchange.Redis but does not reference it, so the build takes whatever version a dependency brings.");
            var assets = Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json");
            if (File.Exists(assets))
            {
                var resolved = ResolvedVersion().Match(File.ReadAllText(assets));
                Assert.True(resolved.Success, $"{assets} resolves no StackExchange.Redis.");
                Assert.Equal(versions["StackExchange.Redis"], resolved.Groups["version"].Value);
            }
        }
    }

    private static Dictionary<string, string> PackageVersions() =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Projects() =>
        SourceFolders.Select(folder => Path.Combine(RepositoryPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file));

    private static IEnumerable<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").Select(e => e.Attribute("Include")?.Value ?? e.Attribute("Update")!.Value);

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // The library entry of the assets file: "StackExchange.Redis/2.13.23": { "type": "package", ...
    [GeneratedRegex("\"StackExchange\\.Redis/(?<version>[^\"]+)\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"package\"")]
    private static partial Regex ResolvedVersion();
}
