using System.Net;
using HaIngestor.Connector.Demo;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Demo;

public sealed class DemoRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new("hai-demo");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_TenSeconds_WritesLineProtocolThatInfluxDbAccepts()
    {
        var output = new StringWriter();
        // One restart of the simulated home half-way: its re-announcement of unchanged entities is skipped and counted.
        var settings = new DemoSettings(TimeSpan.FromSeconds(10), Rate: 50, _folder.Path, Seed: 7, Interactive: false) { RestartAfter = TimeSpan.FromSeconds(4) };

        var result = await DemoRunner.RunAsync(settings, new PlainDemoView(output), CancellationToken.None);

        Assert.True(result.Received > 0, output.ToString());
        Assert.Equal(0, result.JournalDepth);
        Assert.Equal(0, result.Rejected);
        Assert.True(result.WrittenLines >= result.Received, $"{result.WrittenLines} lines for {result.Received} events");
        var file = Assert.Single(result.Files);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# DML\n# CONTEXT-DATABASE: home_assistant\n", text, StringComparison.Ordinal);
        // Event lines are counted; the connector's own quality and pipeline points go to the same files.
        var lines = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal(result.WrittenLines, lines.Count(l => !l.StartsWith("home_assistant_quality,", StringComparison.Ordinal) && !l.StartsWith("home_assistant_pipeline,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("home_assistant_pipeline,source=connector ", StringComparison.Ordinal));
        Assert.Contains("Events received", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, result.Restarts);
        Assert.True(result.RestartDuplicates > 0, "the restart's re-announcement of unchanged entities is skipped");
        Assert.Contains("Restart repeats", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(file, output.ToString(), StringComparison.Ordinal);

        // The file as written, header included, goes into the real InfluxDB 1.x.
        await using var database = await InfluxDbTestDatabase.CreateAsync("demo");
        var response = await database.WriteAsync(await File.ReadAllBytesAsync(file), result.Precision);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, response.Body);
    }

    [Fact]
    public async Task RunAsync_SummaryImportCommand_ImportsTheFileIntoAFreshInfluxDb()
    {
        var output = new StringWriter();
        var settings = new DemoSettings(TimeSpan.FromSeconds(3), Rate: 50, _folder.Path, Seed: 11, Interactive: false);
        var result = await DemoRunner.RunAsync(settings, new PlainDemoView(output), CancellationToken.None);

        // The 1.x command exactly as the summary prints it, pointed at the test server, on a server without the
        // database: what a new user types after the demo.
        var command = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("1.x:", StringComparison.Ordinal))[4..].Trim();
        await using var probe = await InfluxDbTestDatabase.CreateAsync("probe");
        var server = probe.BaseUrl;
        using var http = new HttpClient { BaseAddress = server };
        await InfluxQueryAsync(http, "DROP DATABASE home_assistant");
        try
        {
            var pointed = command.Replace("influx ", $"influx -host {server.Host} -port {server.Port} ", StringComparison.Ordinal);
            var (exitCode, log) = await ShellAsync(pointed);
            Assert.True(exitCode == 0, $"'{pointed}' exited with {exitCode}:\n{log}");
            Assert.DoesNotContain("not inserted", log, StringComparison.Ordinal);
            // Every line of the file is one insert; points of one series at one millisecond (a state and its attribute
            // change in the same tick) rightly become one point, so the count is taken from the import, not the query.
            var lines = (await File.ReadAllLinesAsync(Assert.Single(result.Files))).Count(l => l.Length > 0 && l[0] != '#');
            Assert.Contains($"Processed {lines} inserts", log, StringComparison.Ordinal);
            Assert.Contains("Failed 0 inserts", log, StringComparison.Ordinal);
            var answer = await InfluxQueryAsync(http, "SELECT count(\"value\") FROM home_assistant.autogen.home_assistant_events");
            Assert.Contains("\"columns\":[\"time\",\"count\"]", answer, StringComparison.Ordinal);
        }
        finally
        {
            await InfluxQueryAsync(http, "DROP DATABASE home_assistant");
        }
    }

    private static async Task<string> InfluxQueryAsync(HttpClient http, string influxql)
    {
        using var response = await http.PostAsync(new Uri("query", UriKind.Relative), new FormUrlEncodedContent([new("q", influxql)]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private static async Task<(int ExitCode, string Output)> ShellAsync(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
