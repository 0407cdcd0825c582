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
}
