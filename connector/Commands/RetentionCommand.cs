using System.CommandLine;
using HaIngestor.Adapters.Retention;

namespace HaIngestor.Connector.Commands;

/// <summary>
/// <c>retention</c>: gives an InfluxDB 1.x database the retention scheme (raw points one year, daily summaries five
/// years) and optionally builds the summaries of past days. InfluxDB 2.x and Cloud: see docs/RETENTION.md.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "InfluxDB 1.x base URL (default: InfluxDb__Url or INFLUXDB_URL)." };
        var database = new Option<string?>("--database") { Description = "Database name (default: InfluxDb__Database, else home_assistant)." };
        var username = new Option<string?>("--username") { Description = "User, when authentication is on (default: InfluxDb__Username). The password is read from InfluxDb__Password only." };
        var rawDays = new Option<int>("--raw-days") { Description = "Days raw points are kept.", DefaultValueFactory = _ => 365 };
        var summaryDays = new Option<int>("--summary-days") { Description = "Days daily summaries are kept.", DefaultValueFactory = _ => 5 * 365 };
        var backfillDays = new Option<int>("--backfill-days") { Description = "Also build the summaries of this many past whole days.", DefaultValueFactory = _ => 0 };
        var command = new Command(
            "retention",
            "Apply the retention scheme to an InfluxDB 1.x database: raw points in a default policy (one year), daily " +
            "summaries (mean/min/max/count of value) in a second policy (five years) through a continuous query. Idempotent.")
        {
            url, database, username, rawDays, summaryDays, backfillDays,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var baseUrl = parse.GetValue(url) ?? Setting("InfluxDb__Url", "INFLUXDB_URL");
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("--url (or InfluxDb__Url) must be the absolute http(s) URL of an InfluxDB 1.x server.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var options = new RetentionOptions
            {
                RawDuration = TimeSpan.FromDays(parse.GetValue(rawDays)),
                SummaryDuration = TimeSpan.FromDays(parse.GetValue(summaryDays)),
            };
            if (options.RawDuration < TimeSpan.FromDays(1) || options.SummaryDuration < TimeSpan.FromDays(1) || parse.GetValue(backfillDays) < 0)
            {
                await Console.Error.WriteLineAsync("--raw-days and --summary-days must be at least 1, --backfill-days 0 or more.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var connection = new InfluxV1Connection(
                new Uri(uri.AbsoluteUri.TrimEnd('/') + "/"),
                parse.GetValue(database) ?? Setting("InfluxDb__Database") ?? "home_assistant",
                parse.GetValue(username) ?? Setting("InfluxDb__Username"),
                Setting("InfluxDb__Password"));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var manager = new InfluxV1RetentionManager(http, connection, options);
            try
            {
                var report = await manager.ApplyAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine(report.Actions.Count == 0
                    ? $"{connection}: retention already in place."
                    : $"{connection}: {string.Join("; ", report.Actions)}.");
                var days = parse.GetValue(backfillDays);
                if (days > 0)
                {
                    var today = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
                    await manager.BackfillAsync(today.AddDays(-days), today, cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"Daily summaries built for the {days} days before today.");
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"Retention could not be applied to {connection}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static string? Setting(params string[] names) =>
        names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
