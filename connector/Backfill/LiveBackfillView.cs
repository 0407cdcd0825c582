using System.Globalization;
using Spectre.Console;

namespace HaIngestor.Connector.Backfill;

/// <summary>Progress on a terminal: a bar of the requests, with the time range done, events per second and the ETA.</summary>
internal sealed class LiveBackfillView(IAnsiConsole console) : IBackfillView
{
    public async Task ShowAsync(Func<BackfillSnapshot> snapshot, Task work)
    {
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var first = snapshot();
                var bar = context.AddTask(Describe(first), maxValue: Math.Max(1, first.TotalRequests));
                while (!work.IsCompleted)
                {
                    await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(250))).ConfigureAwait(false);
                    var s = snapshot();
                    bar.Value = s.DoneRequests;
                    bar.Description = Describe(s);
                }

                var last = snapshot();
                bar.Value = last.DoneRequests;
                bar.Description = Describe(last);
                context.Refresh();
            }).ConfigureAwait(false);
    }

    public void Finished(IReadOnlyList<string> summary)
    {
        console.WriteLine();
        console.MarkupLine((summary[0].StartsWith("Backfill complete", StringComparison.Ordinal) ? "[bold green]" : "[bold yellow]") + Markup.Escape(summary[0]) + "[/]");
        foreach (var line in summary.Skip(1))
        {
            // Raw, so paths stay whole and copyable.
            console.Profile.Out.Writer.WriteLine(line);
        }
    }

    private static string Describe(BackfillSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"[bold]{s.Entities:N0}[/] entities  up to [cyan]{s.DoneUntil.UtcDateTime:yyyy-MM-dd HH:mm}[/] of {s.End.UtcDateTime:yyyy-MM-dd HH:mm}  " +
        $"[bold]{s.Events:N0}[/] events  [cyan]{s.EventsPerSecond:N0}/s[/]  ETA {(s.Eta is { } eta ? eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "-")}");
}
