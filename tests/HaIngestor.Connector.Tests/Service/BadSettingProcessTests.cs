using System.Diagnostics;

namespace HaIngestor.Connector.Tests.Service;

/// <summary>The real process with a bad setting: one clear report naming it, exit code 2, no host stack trace, for the
/// service and for the one-shot commands that start a host.</summary>
public sealed class BadSettingProcessTests
{
    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        // command, setting, bad value, what the report must name
        { "run", "HOME_ASSISTANT_URL", "not a url", "HomeAssistant:Url (HOME_ASSISTANT_URL)" },
        { "backfill", "HOME_ASSISTANT_URL", "not a url", "HomeAssistant:Url (HOME_ASSISTANT_URL)" },
        { "replay --dead-letters", "InfluxDb__Url", "not a url", "InfluxDb:Url" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Command_BadSetting_PrintsOnlyTheReportNamingTheSettingAndExits2(string command, string setting, string value, string named)
    {
        var data = Path.Combine(Path.GetTempPath(), "hai-bad-setting-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "connector.dll"));
        foreach (var argument in command.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Connector__Transport"] = "Direct";
        start.Environment["Direct__Sink"] = command.StartsWith("replay", StringComparison.Ordinal) ? "InfluxDb" : "Files";
        start.Environment["Direct__DataPath"] = data;
        start.Environment["HOME_ASSISTANT_URL"] = "http://127.0.0.1:9";
        start.Environment["HOME_ASSISTANT_TOKEN"] = "t";
        start.Environment["Health__Port"] = "0";
        start.Environment[setting] = value;

        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var log = await output + await error;

            Assert.True(process.ExitCode == 2, $"exit code {process.ExitCode}:\n{log}");
            Assert.Contains(named, log, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed to start", log, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
