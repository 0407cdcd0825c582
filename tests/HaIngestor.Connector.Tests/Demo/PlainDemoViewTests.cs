using HaIngestor.Connector.Demo;

namespace HaIngestor.Connector.Tests.Demo;

public sealed class PlainDemoViewTests
{
    [Fact]
    public async Task RunAsync_NewWarnings_PrintsEachOnceUnderItsStatusLine()
    {
        var output = new StringWriter();
        var view = new PlainDemoView(output);
        DemoSnapshot[] snapshots =
        [
            Snapshot(2, 0, []),
            Snapshot(4, 1, ["Warning A: first"]),
            Snapshot(6, 1, ["Warning A: first"]),
            Snapshot(8, 3, ["Warning A: first", "Warning B: second", "Warning C: third"]),
        ];
        var next = 0;

        await view.RunAsync(() => snapshots[Math.Min(next++, snapshots.Length - 1)], TimeSpan.FromSeconds(8), TimeSpan.FromMilliseconds(1), CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(1, Count(text, "Warning A: first"));
        Assert.Equal(1, Count(text, "Warning B: second"));
        Assert.Equal(1, Count(text, "Warning C: third"));
        Assert.True(text.IndexOf("problems 1", StringComparison.Ordinal) < text.IndexOf("Warning A: first", StringComparison.Ordinal));
    }

    private static DemoSnapshot Snapshot(int seconds, int problems, IReadOnlyList<string> recent) =>
        new(TimeSpan.FromSeconds(seconds), "Connected", "2024.5.0", 10, 5, 10, 0, 0, 0, 0, problems, [], recent);

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
