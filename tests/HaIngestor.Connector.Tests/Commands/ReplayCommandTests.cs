using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Tests.Support;

namespace HaIngestor.Connector.Tests.Commands;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("hai-replay");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_RecordedMessages_WritesEveryEventAndIgnoresTheRest()
    {
        var file = Path.Combine(_folder.Path, "recorded.jsonl");
        var t = TestEvents.BaseTime;
        await File.WriteAllLinesAsync(file,
        [
            "{\"type\":\"auth_ok\",\"ha_version\":\"2026.11.0\"}",
            TestEvents.StateChangedJson("sensor.a", "21.5", t, "C1"),
            TestEvents.StateChangedJson("sensor.b", "on", t.AddSeconds(1), "C2"),
            "{\"id\":2,\"type\":\"result\",\"success\":true,\"result\":null}",
            "[" + TestEvents.StateChangedJson("sensor.c", "1", t.AddSeconds(2), "C3") + "," + TestEvents.StateChangedJson("sensor.d", "2", t.AddSeconds(3), "C4") + "]",
            string.Empty,
        ]);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ReplayCommand.RunAsync(file, deadLetters: false, new Dictionary<string, string?> { ["Direct:DataPath"] = _folder.Path }, output, error, CancellationToken.None);

        Assert.True(exitCode == ExitCodes.Ok, output + "\n" + error);
        Assert.Contains("4 events, 4 lines written to files", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 non-event messages ignored", output.ToString(), StringComparison.Ordinal);
        var lines = Directory.GetFiles(Path.Combine(_folder.Path, "lines"), "*.lp").SelectMany(File.ReadLines).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.Contains("entity_id=sensor.d", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_InvalidEvent_IsDeadLetteredAndReplayableFromTheStore()
    {
        var file = Path.Combine(_folder.Path, "bad.jsonl");
        await File.WriteAllLinesAsync(file, ["{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.x\"}}}"]);
        var settings = new Dictionary<string, string?> { ["Direct:DataPath"] = _folder.Path };
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Ok, await ReplayCommand.RunAsync(file, false, settings, output, new StringWriter(), CancellationToken.None));
        Assert.Contains("1 rejected", output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder.Path, "dead-letters"), "*", SearchOption.AllDirectories));

        var again = new StringWriter();
        var exitCode = await ReplayCommand.RunAsync(null, deadLetters: true, settings, again, new StringWriter(), CancellationToken.None);
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Dead letters: 1", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DeadLettersInBlobStorage_ReplaysWhatTheFunctionsStored()
    {
        var file = Path.Combine(_folder.Path, "bad.jsonl");
        await File.WriteAllLinesAsync(file, ["{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.x\"}}}"]);
        var container = $"replay-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Direct:DataPath"] = _folder.Path,
            ["DeadLetters:ConnectionString"] = HaIngestor.TestUtilities.TestServers.AzuriteConnectionString,
            ["DeadLetters:Container"] = container,
        };
        Assert.Equal(ExitCodes.Ok, await ReplayCommand.RunAsync(file, false, settings, new StringWriter(), new StringWriter(), CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "dead-letters")));

        var again = new StringWriter();
        var exitCode = await ReplayCommand.RunAsync(null, deadLetters: true, settings, again, new StringWriter(), CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Dead letters: 1", again.ToString(), StringComparison.Ordinal);
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(HaIngestor.TestUtilities.TestServers.AzuriteConnectionString, container);
        await blobs.DeleteIfExistsAsync();
    }
}
