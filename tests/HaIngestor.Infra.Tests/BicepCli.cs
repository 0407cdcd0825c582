using System.Diagnostics;
using System.Reflection;

namespace HaIngestor.Infra.Tests;

/// <summary>Runs the Bicep CLI that the Azure.Bicep.CommandLine.linux-x64 package ships.</summary>
internal static class BicepCli
{
    // Generous: the CLI is a large single-file binary and the machine may be busy; no test asserts on time.
    private static readonly TimeSpan timeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<string> path = new(Locate);

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(path.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {path.Value}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var candidate = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepCliPath")?.Value;
        if (string.IsNullOrEmpty(candidate) || !File.Exists(candidate))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI was not found at '{candidate}'. Restore the Azure.Bicep.CommandLine.linux-x64 package.");
        }

        // NuGet extraction does not always keep the execute bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(candidate);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(candidate, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return candidate;
    }
}
