using System.Diagnostics;
using System.Runtime.InteropServices;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>
/// The connector published with native AOT as addon/Dockerfile publishes it (<c>-p:PublishAot=true</c>, warnings are
/// errors), once per test run: the folder named by <c>HAI_TEST_AOT_CONNECTOR</c> when <c>./test.sh</c> published it
/// up front, else a publish made here from a copy of the sources the Dockerfile copies (so the working tree's bin and
/// obj, which the test run itself is using, are never touched).
/// </summary>
internal static class NativeAotConnector
{
    /// <summary>Environment variable naming a folder that already holds the published <c>connector</c>.</summary>
    public const string FolderVariable = "HAI_TEST_AOT_CONNECTOR";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<Task<string>> Executable = new(FindOrPublishAsync);

    /// <summary>The path of the native <c>connector</c> executable.</summary>
    public static Task<string> GetAsync() => Executable.Value;

    private static async Task<string> FindOrPublishAsync()
    {
        var given = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var published = Path.Combine(given, "connector");
            Assert.True(File.Exists(published), $"{FolderVariable}='{given}' holds no 'connector' executable.");
            return published;
        }

        var work = Path.Combine(Path.GetTempPath(), $"hai-aot-{Environment.ProcessId}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(work);
        var sources = Path.Combine(work, "src");
        foreach (var file in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "BannedSymbols.txt", ".editorconfig", "global.json"])
        {
            Directory.CreateDirectory(sources);
            File.Copy(RepositoryRoot.Combine(file), Path.Combine(sources, file));
        }

        foreach (var folder in (string[])["core", "simulator", "connector"])
        {
            CopyTree(RepositoryRoot.Combine(folder), Path.Combine(sources, folder));
        }

        var output = Path.Combine(work, "out");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = sources,
        };
        foreach (var argument in (string[])["publish", "connector/HaIngestor.Connector.csproj", "--configuration", "Release", "--runtime", RuntimeInformation.RuntimeIdentifier, "--output", output, "-p:PublishAot=true", "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await publish.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            Assert.Fail($"The native AOT publish did not finish within {PublishTimeout.TotalMinutes:0} min.");
        }

        var log = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        Assert.True(publish.ExitCode == 0, $"The native AOT publish failed ({publish.ExitCode}); it needs clang and zlib1g-dev, and fails on any trim or AOT warning:\n{Tail(log)}");
        var executable = Path.Combine(output, "connector");
        Assert.True(File.Exists(executable), $"The native AOT publish wrote no {executable}:\n{Tail(log)}");
        return executable;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(folder, Path.Combine(to, name));
            }
        }
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(40));

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
