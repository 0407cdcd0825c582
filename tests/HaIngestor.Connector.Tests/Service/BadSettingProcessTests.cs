using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Service;

/// <summary>The real process with a bad setting: one clear report naming it, exit code 2, no host stack trace, for the
/// service and for the one-shot commands that start a host.</summary>
public sealed class BadSettingProcessTests
{
    public static TheoryData<string, string, string, string, string> BadSettings => new()
    {
        // command, the direct sink it runs with, setting, bad value, what the report must name
        { "run", "Files", "HOME_ASSISTANT_URL", "not a url", "HomeAssistant:Url (HOME_ASSISTANT_URL)" },
        { "backfill", "Files", "HOME_ASSISTANT_URL", "not a url", "HomeAssistant:Url (HOME_ASSISTANT_URL)" },
        { "replay --dead-letters", "InfluxDb", "InfluxDb__Url", "not a url", "InfluxDb:Url" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Command_BadSetting_PrintsOnlyTheReportNamingTheSettingAndExits2(string command, string sink, string setting, string value, string named)
    {
        var data = Path.Combine(Path.GetTempPath(), "hai-bad-setting-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Connector__Transport"] = "Direct",
            ["Direct__Sink"] = sink,
            ["Direct__DataPath"] = data,
            ["HOME_ASSISTANT_URL"] = "http://127.0.0.1:9",
            ["HOME_ASSISTANT_TOKEN"] = "t",
            ["Health__Port"] = "0",
        };
        environment[setting] = value;

        try
        {
            await using var process = ConnectorCommandProcess.Start(command.Split(' '), environment);
            var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60), command);
            var log = process.Output;

            Assert.True(exitCode == 2, $"exit code {exitCode}:\n{log}");
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
