namespace HaIngestor.Infra.Tests.AddOn;

/// <summary>
/// The add-on's Dockerfile cannot be built here (no Docker engine): checked as text for the cross-compiling shape
/// (SDK on the build platform, a runtime identifier per target) and the same sources as the connector's image.
/// </summary>
public sealed class AddOnDockerfileTests
{
    private static readonly string[] Lines = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "addon", "Dockerfile"))
        .Replace("\\\n", " ", StringComparison.Ordinal)
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && line[0] != '#')
        .ToArray();

    [Fact]
    public void BuildStage_Always_RunsOnTheBuildPlatformAndTargetsEachArch()
    {
        Assert.Contains("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Lines);
        var rid = Assert.Single(Lines, line => line.StartsWith("RUN case ", StringComparison.Ordinal));
        Assert.Contains("amd64) echo linux-x64", rid, StringComparison.Ordinal);
        Assert.Contains("arm64|aarch64) echo linux-arm64", rid, StringComparison.Ordinal);
        Assert.Contains(Lines, line => line.StartsWith("RUN dotnet restore ", StringComparison.Ordinal) && line.Contains("--runtime \"$(cat /rid)\"", StringComparison.Ordinal));
        var publish = Assert.Single(Lines, line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        Assert.Contains("--runtime \"$(cat /rid)\"", publish, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
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
    public void Runtime_Always_AspNetWithTheLowMemorySettingsAndTheConnectorEntrypoint()
    {
        Assert.Contains("FROM $BUILD_FROM", Lines);
        Assert.Contains("ARG BUILD_FROM=mcr.microsoft.com/dotnet/aspnet:10.0", Lines);
        var env = Assert.Single(Lines, line => line.StartsWith("ENV ", StringComparison.Ordinal));
        foreach (var setting in (string[])["DOTNET_gcServer=0", "DOTNET_gcConcurrent=0", "DOTNET_GCConserveMemory=", "DOTNET_GCHeapHardLimit=", "DOTNET_TieredPGO=0"])
        {
            Assert.Contains(setting, env, StringComparison.Ordinal);
        }

        Assert.Equal("ENTRYPOINT [\"dotnet\", \"connector.dll\", \"run\"]", Lines[^1]);
    }
}
