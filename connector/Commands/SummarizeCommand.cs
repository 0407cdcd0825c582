using System.CommandLine;
using System.Globalization;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Retention;
using HaIngestor.Connector.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary>
/// <c>summarize</c>: writes the daily summaries of a range of past days once, as the DailySummary function does each
/// night: for history written before summaries were enabled (InfluxDB Cloud Serverless), or to rebuild them.
/// </summary>
internal static class SummarizeCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "First UTC day to summarize, yyyy-MM-dd (or use --days)." };
        var to = new Option<string?>("--to") { Description = "The day after the last one, yyyy-MM-dd (default: today, UTC, so up to yesterday)." };
        var days = new Option<int?>("--days") { Description = "Instead of --from: this many whole days before --to." };
        var command = new Command(
            "summarize",
            "Write the daily summaries (mean/min/max/count of value per series and UTC day) of past days, through InfluxQL on the " +
            "InfluxDb__* server, to Summary__Bucket (v2, default <bucket>_daily) or the Summary__RetentionPolicy (v1, default daily_5y). " +
            "Idempotent: a day summarized again is overwritten. Settings: InfluxDb__Url, InfluxDb__Token, InfluxDb__Bucket or InfluxDb__Database, " +
            "Summary__*; see docs/RETENTION.md.")
        {
            from, to, days,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            if (!TryRange(parse.GetValue(from), parse.GetValue(to), parse.GetValue(days), today, out var range, out var problem))
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            return await RunAsync(range.From, range.To, overrides: null, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The days [from, to) the options name, or why they name none.</summary>
    public static bool TryRange(string? from, string? to, int? days, DateOnly today, out (DateOnly From, DateOnly To) range, out string problem)
    {
        range = default;
        problem = string.Empty;
        var end = today;
        if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            problem = $"--to '{to}' is not a day in the form yyyy-MM-dd.";
            return false;
        }

        DateOnly start;
        if (from is not null)
        {
            if (days is not null)
            {
                problem = "Give either --from or --days, not both.";
                return false;
            }

            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                problem = $"--from '{from}' is not a day in the form yyyy-MM-dd.";
                return false;
            }
        }
        else if (days is { } count)
        {
            if (count < 1)
            {
                problem = "--days must be 1 or more.";
                return false;
            }

            start = end.AddDays(-count);
        }
        else
        {
            problem = "Name the days: --from yyyy-MM-dd or --days N (and optionally --to).";
            return false;
        }

        if (start >= end)
        {
            problem = $"--from {start:yyyy-MM-dd} must come before --to {end:yyyy-MM-dd}.";
            return false;
        }

        if (end > today)
        {
            problem = $"--to {end:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, UTC): a day is summarized once it is over.";
            return false;
        }

        range = (start, end);
        return true;
    }

    /// <summary>Summarizes [<paramref name="from"/>, <paramref name="to"/>); <paramref name="overrides"/> take precedence over the environment.</summary>
    public static async Task<int> RunAsync(
        DateOnly from, DateOnly to, IReadOnlyDictionary<string, string?>? overrides, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var builder = CommandHost.CreateBuilder(overrides);
        builder.AddInfluxDbSink();
        builder.AddDailySummaries();
        using var host = builder.Build();
        if (CommandHost.Validate(host, error) is { } badConfiguration)
        {
            return badConfiguration;
        }

        var summarizer = host.Services.GetRequiredService<IDailySummarizer>();

        try
        {
            var report = await summarizer.SummarizeAsync(from, to, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Summarized {report.Days} days ({from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}): {report.Measurements} measurements, {report.Points:N0} summary points written in {report.Duration.TotalSeconds:0.0} s.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException or Core.Sinks.SinkUnavailableException)
        {
            await error.WriteLineAsync("The summaries could not be written: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
