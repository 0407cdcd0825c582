using System.Diagnostics;

namespace HaIngestor.Connector.Tests.Service;

/// <summary>The real process with a bad setting: one clear report naming it, exit code 2, no host stack trace.</summary>
public sealed class BadSettingProcessTests
{
    [Fact]
    public async Task Run_BadUrl_PrintsOnlyTheReportNamingTheSettingAndExits2()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "connector.dll"));
        start.ArgumentList.Add("run");
        start.Environment["Connector__Transport"] = "Direct";
        start.Environment["Direct__DataPath"] = Path.Combine(Path.GetTempPath(), "hai-bad-setting");
        start.Environment["HOME_ASSISTANT_URL"] = "not a url";
        start.Environment["HOME_ASSISTANT_TOKEN"] = "t";
        start.Environment["Health__Port"] = "0";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var log = await output + await error;

        Assert.True(process.ExitCode == 2, log);
        Assert.Contains("HomeAssistant:Url (HOME_ASSISTANT_URL)", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }
}
