using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Quality;
using HaIngestor.Connector.Configuration;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary>
/// <c>quality</c>: reads each entity's latest quality point from InfluxDB and prints the silent and stuck ones.
/// Exit codes: 0 none, 1 some, 2 bad setting, 3 InfluxDB unreachable.
/// </summary>
internal static class QualityCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Look at quality points of this many past days (default 7).", DefaultValueFactory = _ => 7 };
        var all = new Option<bool>("--all") { Description = "List every entity with a quality point, ok and out-of-range ones too." };
        var command = new Command(
            "quality",
            "Print the entities that are silent (no state change for longer than their learned rhythm allows) or stuck unavailable, " +
            "from the latest home_assistant_quality point of each entity in InfluxDB (InfluxDb__* settings, Quality__Measurement). " +
            "Exit code 0 when there are none, 1 when there are, 2 for a bad setting, 3 when InfluxDB cannot be reached.")
        {
            days, all,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(days), parse.GetValue(all), overrides: null, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Runs the command; <paramref name="overrides"/> take precedence over the environment.</summary>
    public static async Task<int> RunAsync(
        int days, bool all, IReadOnlyDictionary<string, string?>? overrides, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (days < 1)
        {
            await error.WriteLineAsync("--days must be 1 or more.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        var builder = CommandHost.CreateBuilder(overrides);
        builder.AddInfluxDbSink();
        builder.Services.AddQualityTracking(builder.Configuration);
        using var host = builder.Build();
        if (CommandHost.Validate(host, error) is { } badConfiguration)
        {
            return badConfiguration;
        }

        var influx = host.Services.GetRequiredService<IOptions<InfluxDbOptions>>().Value;
        var quality = host.Services.GetRequiredService<IOptions<QualityOptions>>().Value;

        using var http = new HttpClient { Timeout = influx.Timeout };
        var query = QualityQuery.Create(http, influx, quality);
        IReadOnlyList<QualityRecord> records;
        try
        {
            records = await query.LatestAsync(days, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"InfluxDB at {influx.Url} could not be reached: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("InfluxDB refused the quality query: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var problems = records.Where(r => r.Status is QualityStatus.Silent or QualityStatus.StuckUnavailable).ToList();
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Data quality in '{query.Database}', last {days} day(s): {problems.Count(p => p.Status == QualityStatus.Silent)} silent, " +
            $"{problems.Count(p => p.Status == QualityStatus.StuckUnavailable)} stuck unavailable, " +
            $"{records.Count(r => r.Status == QualityStatus.OutOfRange)} out of range, of {records.Count} entities with quality points.")).ConfigureAwait(false);
        var listed = all ? records : problems;
        if (listed.Count > 0)
        {
            await WriteTableAsync(output, listed).ConfigureAwait(false);
        }

        return problems.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<QualityRecord> records)
    {
        var rows = records.Select(r => new[]
        {
            QualityStatusNames.Name(r.Status),
            r.Home.Length == 0 ? "-" : r.Home,
            r.EntityId,
            r.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.LastSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.TypicalInterval is { } t ? Duration(t) : "learning",
            r.SilentAfter is { } s ? Duration(s) : "-",
            r.LastValue?.ToString("G6", CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        string[] header = ["STATUS", "HOME", "ENTITY", "SINCE (UTC)", "LAST SEEN (UTC)", "TYPICAL", "SILENT AFTER", "LAST VALUE"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()).ConfigureAwait(false);
        }
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " d"
        : span.TotalHours >= 1 ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes >= 1 ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
