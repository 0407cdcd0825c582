using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Service;

public sealed partial class ShutdownTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _folder = new("hai-sigterm");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_Sigterm_DrainsEverythingReceivedAndExitsZero()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 300 });
        var linesFolder = Path.Combine(_folder.Path, "lines");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "connector.dll"));
        start.ArgumentList.Add("run");
        start.Environment["Connector__Transport"] = "Direct";
        start.Environment["Direct__DataPath"] = _folder.Path;
        start.Environment["Journal__Path"] = Path.Combine(_folder.Path, "journal");
        start.Environment["HOME_ASSISTANT_URL"] = simulator.BaseUrl.ToString();
        start.Environment["HOME_ASSISTANT_TOKEN"] = simulator.Token;
        start.Environment["Health__Address"] = "127.0.0.1";
        start.Environment["Health__Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture);
        start.Environment["Batching__MaxBatchDelay"] = "00:00:00.500";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.AssertAsync(() => CountLines(linesFolder) > 100, Timeout, "events written before the signal");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(wait.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        string log;
        lock (output)
        {
            log = output.ToString();
        }

        Assert.True(process.ExitCode == 0, log);
        var drained = DrainedLine().Match(log);
        Assert.True(drained.Success, log);
        var received = long.Parse(drained.Groups["received"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var delivered = long.Parse(drained.Groups["delivered"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var journaled = long.Parse(drained.Groups["journal"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(received > 100, log);
        Assert.Equal(received, delivered + journaled);
        Assert.True(CountLines(linesFolder) >= delivered, $"{CountLines(linesFolder)} lines for {delivered} delivered events");
        Assert.DoesNotContain(simulator.Token, log, StringComparison.Ordinal);
    }

    private static int CountLines(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.lp").Sum(f => File.ReadLines(f).Count(l => l.Length > 0 && l[0] != '#'))
            : 0;

    [GeneratedRegex(@"Event buffer drained: (?<received>[\d,]+) events received, (?<delivered>[\d,]+) delivered, (?<journal>[\d,]+) waiting in the journal")]
    private static partial Regex DrainedLine();
}
