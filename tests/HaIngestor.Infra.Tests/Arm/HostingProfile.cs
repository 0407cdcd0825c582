using System.Collections.Concurrent;
using System.Text.Json;

namespace HaIngestor.Infra.Tests.Arm;

/// <summary>main.bicep evaluated with one of the hosting parameter files (infra/bicep/hosting/*.bicepparam).</summary>
internal static class HostingProfile
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ArmDeployment>>> profiles = new(StringComparer.Ordinal);

    public static Task<ArmDeployment> DeployAsync(string hosting) =>
        profiles.GetOrAdd(hosting, name => new Lazy<Task<ArmDeployment>>(() => EvaluateAsync(name))).Value;

    /// <summary>Compiles the parameter file; fails on any diagnostic.</summary>
    public static async Task<string> BuildParametersAsync(string hosting)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Root, "build-params", RepositoryPaths.HostingParameters(hosting), "--stdout");
        if (result.ExitCode != 0 || !string.IsNullOrWhiteSpace(result.StandardError))
        {
            throw new InvalidOperationException($"bicep build-params {hosting}: {result}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.GetProperty("parametersJson").GetString()!;
    }

    private static async Task<ArmDeployment> EvaluateAsync(string hosting)
    {
        var parameters = ArmDeployment.ReadParameters(await BuildParametersAsync(hosting));
        return ArmDeployment.Evaluate(await ArmTemplate.MainAsync(), parameters);
    }
}
