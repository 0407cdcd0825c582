using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace HaIngestor.Infra.Tests.AddOn;

/// <summary>
/// The add-on's Dockerfile cannot be built here (no Docker engine): checked as text for what the image must do. The
/// SDK stage runs on the build platform with the native AOT toolchain and, for the other architecture, the cross
/// linker and zlib of that architecture; restore and publish both target the runtime identifier with native AOT;
/// the runtime stage is runtime-deps (no .NET runtime: the executable carries its own) and starts the executable the
/// publish wrote where the publish put it. The end-to-end run of that build is NativeAotConnectorTests (Connector.Tests).
/// </summary>
public sealed partial class AddOnDockerfileTests
{
    private static readonly string[] Lines = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "addon", "Dockerfile"))
        .Replace("\\\n", " ", StringComparison.Ordinal)
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && line[0] != '#')
        .ToArray();

    [Fact]
    public void BuildStage_Always_RunsOnTheBuildPlatformWithTheAotSdkAndTargetsEachArch()
    {
        var stages = Lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        var build = Assert.Single(stages, line => line.EndsWith(" AS build", StringComparison.Ordinal));
        Assert.Contains("--platform=$BUILDPLATFORM", build, StringComparison.Ordinal);
        // The SDK's AOT flavour brings clang and the native toolchain for its own architecture.
        Assert.Matches(AotSdkImage(), build);

        var rid = Assert.Single(Lines, line => line.StartsWith("RUN case ", StringComparison.Ordinal));
        Assert.Matches(@"amd64\)\s*echo linux-x64 > /rid", rid);
        Assert.Matches(@"arm64\|aarch64\)\s*echo linux-arm64 > /rid", rid);
    }

    [Fact]
    public void BuildStage_OtherArchitecture_InstallsItsCrossLinkerAndZlib()
    {
        var cross = Assert.Single(Lines, line => line.StartsWith("RUN ", StringComparison.Ordinal) && line.Contains("dpkg --add-architecture", StringComparison.Ordinal));
        // Only when the build machine's architecture differs from the target's.
        Assert.Contains("dpkg --print-architecture", cross, StringComparison.Ordinal);
        Assert.Matches(@"if \[ ""\$host"" != ""\$target"" \]", cross);
        Assert.Matches(@"arm64\)[^;]*ports\.ubuntu\.com/ubuntu-ports/;\s*linker=gcc-aarch64-linux-gnu", cross);
        Assert.Matches(@"amd64\)[^;]*archive\.ubuntu\.com/ubuntu/;\s*linker=gcc-x86-64-linux-gnu", cross);
        Assert.Contains("apt-get install -y --no-install-recommends \"$linker\" \"zlib1g-dev:$target\"", cross, StringComparison.Ordinal);
        // The install comes before the publish that links with it.
        Assert.True(Array.IndexOf(Lines, cross) < Array.FindIndex(Lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal)));
    }

    [Fact]
    public void BuildStage_RestoreAndPublish_NativeAotForTheTargetRuntime()
    {
        var restore = Assert.Single(Lines, line => line.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Assert.Single(Lines, line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        foreach (var command in (string[])[restore, publish])
        {
            Assert.Contains("connector/HaIngestor.Connector.csproj", command, StringComparison.Ordinal);
            Assert.Contains("--runtime \"$(cat /rid)\"", command, StringComparison.Ordinal);
            // The restore must see PublishAot too, or it does not fetch the AOT compiler and the target's packs.
            Assert.Contains("-p:PublishAot=true", command, StringComparison.Ordinal);
        }

        Assert.Contains("--no-restore", publish, StringComparison.Ordinal);
        Assert.Contains("--output /app", publish, StringComparison.Ordinal);
        // An apphost-less or framework-dependent publish would leave no native executable to start.
        Assert.DoesNotContain("UseAppHost=false", publish, StringComparison.Ordinal);
        Assert.DoesNotContain("--self-contained false", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_Always_TheSameAsTheConnectorImage()
    {
        static IEnumerable<string> Copies(IEnumerable<string> lines) =>
            lines.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from=", StringComparison.Ordinal));
        var connector = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "connector", "Dockerfile")).Split('\n').Select(l => l.Trim());

        Assert.Equal(Copies(connector), Copies(Lines));
    }

    [Fact]
    public void Runtime_Always_RuntimeDepsWithTheGcSettingsStartingThePublishedExecutable()
    {
        Assert.Contains("FROM $BUILD_FROM", Lines);
        var defaultBase = Assert.Single(Lines, line => line.StartsWith("ARG BUILD_FROM=", StringComparison.Ordinal))["ARG BUILD_FROM=".Length..];
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "addon", "build.yaml")))
        {
            yaml.Load(reader);
        }

        var buildFrom = ((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["build_from"]).Children.Values.Cast<YamlScalarNode>().Select(n => n.Value!);
        foreach (var image in buildFrom.Append(defaultBase))
        {
            // No .NET runtime in the image: the native executable needs only the C library, OpenSSL and zlib.
            Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0", image, StringComparison.Ordinal);
        }

        var env = Assert.Single(Lines, line => line.StartsWith("ENV ", StringComparison.Ordinal));
        foreach (var setting in (string[])["DOTNET_gcServer=0", "DOTNET_gcConcurrent=0", "DOTNET_GCConserveMemory=", "DOTNET_GCHeapHardLimit="])
        {
            Assert.Contains(setting, env, StringComparison.Ordinal);
        }

        // The entrypoint is the executable the publish wrote (its name is the project's AssemblyName), where the
        // runtime stage copied the publish folder.
        var assemblyName = XDocument.Load(Path.Combine(RepositoryPaths.Root, "connector", "HaIngestor.Connector.csproj")).Descendants("AssemblyName").Single().Value;
        var workdir = Assert.Single(Lines.SkipWhile(l => l != "FROM $BUILD_FROM"), l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..];
        Assert.Contains($"COPY --from=build /app {(workdir == "/app" ? "./" : workdir)}", Lines);
        var entrypoint = Entrypoint().Match(Lines[^1]);
        Assert.True(entrypoint.Success, "The last instruction is an exec-form ENTRYPOINT: " + Lines[^1]);
        Assert.Equal($"{workdir}/{assemblyName}", entrypoint.Groups["exe"].Value);
        Assert.Equal("run", entrypoint.Groups["args"].Value);
    }

    [GeneratedRegex(@"mcr\.microsoft\.com/dotnet/sdk:10\.0(-[a-z]+)?-aot\b")]
    private static partial Regex AotSdkImage();

    [GeneratedRegex(@"^ENTRYPOINT \[""(?<exe>[^""]+)"", ""(?<args>[^""]+)""\]$")]
    private static partial Regex Entrypoint();
}
