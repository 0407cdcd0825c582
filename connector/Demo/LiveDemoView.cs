using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaIngestor.Connector.Demo;

/// <summary>The demo on a terminal: a live dashboard redrawn in place, then the summary.</summary>
internal sealed class LiveDemoView(IAnsiConsole console) : IDemoView
{
    private Uri? _simulator;
    private string _output = string.Empty;
    private Uri? _status;

    public void Started(Uri simulatorUrl, string outputPath, Uri statusUrl)
    {
        _simulator = simulatorUrl;
        _status = statusUrl;
        _output = outputPath;
    }

    public async Task RunAsync(Func<DemoSnapshot> snapshot, TimeSpan? duration, TimeSpan tick, CancellationToken cancellationToken)
    {
        // Cleared at the end: the pipeline drains after this returns, so a frame left on screen would show counts
        // older than the summary that follows it.
        await console.Live(Render(snapshot(), duration))
            .AutoClear(true)
            .StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    var s = snapshot();
                    context.UpdateTarget(Render(s, duration));
                    context.Refresh();
                    if (duration is { } limit && s.Elapsed >= limit)
                    {
                        return;
                    }
                }
            }).ConfigureAwait(false);
    }

    public void Finished(DemoSnapshot last, DemoResult result, string outputPath)
    {
        var lines = DemoSummary.Lines(last, result, outputPath);
        console.WriteLine();
        console.MarkupLine("[bold green]" + Markup.Escape(lines[0]) + "[/]");
        foreach (var line in lines.Skip(1))
        {
            if (line.EndsWith(':'))
            {
                console.MarkupLine("[bold]" + Markup.Escape(line) + "[/]");
            }
            else
            {
                // Raw, so commands and paths are never wrapped mid-word and stay copyable.
                console.Profile.Out.Writer.WriteLine(line);
            }
        }
    }

    private IRenderable Render(DemoSnapshot s, TimeSpan? duration)
    {
        var stateColour = s.HomeState == "Connected" ? "green" : "yellow";
        var overview = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        overview.AddRow("[grey]Home Assistant[/]", $"[{stateColour}]{Markup.Escape(s.HomeState)}[/] [grey]{Markup.Escape(s.HaVersion ?? string.Empty)} at {Markup.Escape(_simulator?.ToString() ?? "?")}[/]");
        overview.AddRow("[grey]Running[/]", Markup.Escape(Elapsed(s.Elapsed, duration)));
        overview.AddRow("[grey]Events received[/]", string.Create(CultureInfo.InvariantCulture, $"[bold]{s.Received:N0}[/]  [cyan]{s.EventsPerSecond:0.0}/s[/]"));
        overview.AddRow("[grey]Lines written[/]", string.Create(CultureInfo.InvariantCulture, $"{s.WrittenLines:N0}"));
        overview.AddRow("[grey]Rejected[/]", Count(s.Rejected, "red"));
        overview.AddRow("[grey]Buffer / journal[/]", string.Create(CultureInfo.InvariantCulture, $"{s.Buffered:N0} / ") + Count(s.JournalDepth, "yellow"));
        overview.AddRow("[grey]Warnings[/]", Count(s.Problems, "yellow"));
        overview.AddRow("[grey]Output[/]", Markup.Escape(Path.Combine(_output, "lines")));
        overview.AddRow("[grey]Status page[/]", Markup.Escape(_status?.ToString() ?? "?"));

        var domains = new Table().Border(TableBorder.Rounded).AddColumn("Domain").AddColumn(new TableColumn("Events").RightAligned()).AddColumn("");
        var max = Math.Max(1, s.ByDomain.Count > 0 ? s.ByDomain[0].Value : 1);
        foreach (var (domain, count) in s.ByDomain.Take(12))
        {
            var bar = new string('█', (int)Math.Ceiling(20.0 * count / max));
            domains.AddRow(Markup.Escape(domain), count.ToString("N0", CultureInfo.InvariantCulture), $"[blue]{bar}[/]");
        }

        var body = new Columns(new Panel(overview).Header("[bold]Pipeline[/]").Border(BoxBorder.Rounded), domains.Title("[bold]By domain[/]"));
        var rows = new List<IRenderable> { body };
        if (s.RecentProblems.Count > 0)
        {
            rows.Add(new Panel(new Markup(string.Join('\n', s.RecentProblems.Select(p => "[yellow]" + Markup.Escape(Truncate(p, 140)) + "[/]")))).Header("Recent warnings"));
        }

        rows.Add(new Markup("[grey]Ctrl-C stops and prints a summary.[/]"));
        return new Panel(new Rows(rows)).Header("[bold blue] HA Ingestor demo [/]").Border(BoxBorder.Double).Expand();
    }

    private static string Count(long value, string colour) =>
        value == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"[{colour}]{value:N0}[/]");

    private static string Elapsed(TimeSpan elapsed, TimeSpan? duration) =>
        duration is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s of {d.TotalSeconds:0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
