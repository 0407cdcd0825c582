using System.Diagnostics;

namespace HaIngestor.TestUtilities;

/// <summary>
/// Headless Chromium (Debian package <c>chromium</c>, installed by <c>./test.sh</c>; its path exported as
/// <c>HAI_TEST_CHROMIUM</c>), to render pages as a browser does. A missing browser fails the test.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>Environment variable holding the chromium executable.</summary>
    public const string ChromiumVariable = "HAI_TEST_CHROMIUM";

    /// <summary>Environment variable holding the folder for test artefacts (screenshots).</summary>
    public const string OutputVariable = "HAI_TEST_OUTPUT";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The folder test artefacts go to (created); <c>HAI_TEST_OUTPUT</c>, else test-output under the test binaries.</summary>
    public static string OutputFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "test-output");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>The DOM after the page's scripts ran (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDomAsync(Uri url, int windowWidth = 412, int windowHeight = 915)
    {
        var (output, _) = await RunAsync(["--dump-dom", "--virtual-time-budget=2000", $"--window-size={windowWidth},{windowHeight}", url.ToString()]);
        return output;
    }

    /// <summary>Writes a PNG screenshot of the page to <paramref name="path"/>.</summary>
    public static async Task ScreenshotAsync(Uri url, string path, int windowWidth = 412, int windowHeight = 915)
    {
        var (_, error) = await RunAsync(["--screenshot=" + path, "--hide-scrollbars", "--virtual-time-budget=2000", $"--window-size={windowWidth},{windowHeight}", url.ToString()]);
        Assert.True(File.Exists(path), $"chromium wrote no screenshot to {path}: {error}");
    }

    private static async Task<(string Output, string Error)> RunAsync(IEnumerable<string> arguments)
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (string.IsNullOrWhiteSpace(chromium))
        {
            Assert.Fail($"{ChromiumVariable} is not set: run the tests with ./test.sh, which installs the Debian package chromium.");
        }

        var profile = Path.Combine(Path.GetTempPath(), "hai-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {Timeout}.");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }

        return (await output, await error);
    }
}
