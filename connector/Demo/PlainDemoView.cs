using System.Globalization;

namespace HaIngestor.Connector.Demo;

/// <summary>The demo for a pipe or a log: a status line every couple of seconds, then the summary.</summary>
internal sealed class PlainDemoView(TextWriter output) : IDemoView
{
    private static readonly TimeSpan PrintEvery = TimeSpan.FromSeconds(2);

    public void Started(Uri simulatorUrl, string outputPath, Uri statusUrl)
    {
        output.WriteLine($"Simulated Home Assistant at {simulatorUrl} -> pipeline -> line-protocol files in {outputPath}");
        output.WriteLine($"Status page: {statusUrl}");
        output.WriteLine("Ctrl-C stops and prints a summary.");
    }

    public async Task RunAsync(Func<DemoSnapshot> snapshot, TimeSpan? duration, TimeSpan tick, CancellationToken cancellationToken)
    {
        var lastPrint = TimeSpan.Zero;
        var problemsShown = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = tick;
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var s = snapshot();
            if (s.Elapsed - lastPrint >= PrintEvery || (duration is { } d && s.Elapsed >= d))
            {
                lastPrint = s.Elapsed;
                var domains = string.Join(", ", s.ByDomain.Take(6).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{s.Elapsed.TotalSeconds,5:0}s] {s.HomeState}: received {s.Received} ({s.EventsPerSecond:0.0}/s), written {s.WrittenLines} lines, rejected {s.Rejected}, journal {s.JournalDepth}, problems {s.Problems} | {domains}"));

                // The warnings themselves, each once (the newest few when many came at once), so a log says why.
                var fresh = Math.Min(s.Problems - problemsShown, s.RecentProblems.Count);
                foreach (var problem in s.RecentProblems.Skip(s.RecentProblems.Count - fresh))
                {
                    output.WriteLine("        " + problem);
                }

                problemsShown = s.Problems;
            }

            if (duration is { } limit && s.Elapsed >= limit)
            {
                return;
            }
        }
    }

    public void Finished(DemoSnapshot last, DemoResult result, string outputPath)
    {
        output.WriteLine();
        foreach (var line in DemoSummary.Lines(last, result, outputPath))
        {
            output.WriteLine(line);
        }
    }
}
