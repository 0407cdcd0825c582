using System.CommandLine;
using System.Globalization;
using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Transports;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Connector.AddOn;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace HaIngestor.Connector.Commands;

/// <summary><c>backfill</c>: Home Assistant's recorded history through the pipeline of <c>run</c>, resumable.</summary>
internal static class BackfillCommand
{
    public static Command Create()
    {
        var start = new Option<string?>("--start") { Description = "Oldest time to read, ISO 8601 (e.g. 2026-11-20 or 2026-11-20T06:00:00Z; UTC when no offset). Default: --days before --end." };
        var end = new Option<string?>("--end") { Description = "Newest time to read (exclusive), ISO 8601. Default: now." };
        var days = new Option<int>("--days") { Description = "Days to read when --start is not given (the recorder keeps 10 by default).", DefaultValueFactory = _ => 10 };
        var statistics = new Option<bool>("--statistics") { Description = "Also read the hourly long-term statistics (mean/min/max, state, sum, change) into home_assistant_statistics." };
        var home = new Option<string?>("--home") { Description = "Only the instance of this name (HomeAssistant__Instances__N__Name); default every instance." };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of the progress bar (automatic when output is redirected)." };
        var command = new Command(
            "backfill",
            "Read the states Home Assistant's recorder holds (history/history_during_period), and optionally its long-term statistics, and write them " +
            "through the same pipeline and sink settings as 'run' (Connector__Transport, Direct__Sink, InfluxDb__*, EventHubs__*; entity filters " +
            "HomeAssistant__Include/Exclude; Backfill__* for request size, pace and checkpoint folder). Interrupted, it continues where it stopped when run again.")
        {
            start, end, days, statistics, home, plain,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryParseTime(parse.GetValue(start), out var startTime) || !TryParseTime(parse.GetValue(end), out var endTime))
            {
                await Console.Error.WriteLineAsync("--start and --end must be ISO 8601 times, e.g. 2026-11-20T06:00:00Z.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var settings = new BackfillSettings(startTime, endTime, parse.GetValue(days), parse.GetValue(statistics), parse.GetValue(home));
            var interactive = !parse.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            IBackfillView view = interactive ? new LiveBackfillView(AnsiConsole.Console) : new PlainBackfillView(Console.Out, TimeProvider.System);
            using var cancellation = new ConsoleCancellation(cancellationToken);
            return await RunAsync(settings, overrides: null, view, Console.Error, cancellation.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Backfills every configured instance (or <see cref="BackfillSettings.Home"/>); <paramref name="overrides"/> take precedence over the environment.</summary>
    public static async Task<int> RunAsync(
        BackfillSettings settings, IReadOnlyDictionary<string, string?>? overrides, IBackfillView view, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(error);
        if (settings.Start is null && settings.Days is < 1 or > 3650)
        {
            await error.WriteLineAsync("--days must be between 1 and 3650.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        var builder = CommandHost.CreateBuilder(overrides);
        builder.Configuration.AddHomeAssistantAddOn();
        builder.AddBackfill();
        using var host = builder.Build();
        if (await CommandHost.TryStartAsync(host, error, cancellationToken).ConfigureAwait(false) is { } badConfiguration)
        {
            return badConfiguration;
        }

        try
        {
            var services = host.Services;
            var time = services.GetRequiredService<TimeProvider>();
            var homeAssistant = services.GetRequiredService<IOptions<HomeAssistantOptions>>().Value;
            var options = services.GetRequiredService<IOptions<BackfillOptions>>().Value;
            var direct = services.GetRequiredService<IOptions<ConnectorOptions>>().Value.Transport == TransportKind.Direct;
            var destination = direct ? services.GetRequiredService<ILineProtocolSink>().Name : "event hubs";

            var now = time.GetUtcNow();
            var end = (settings.End ?? new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero)).ToUniversalTime();
            var start = (settings.Start ?? end.AddDays(-settings.Days)).ToUniversalTime();
            if (start >= end)
            {
                await error.WriteLineAsync($"--start ({start:O}) must be before --end ({end:O}).").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var instances = homeAssistant.GetInstances().Where(i => settings.Home is null || string.Equals(i.Name, settings.Home, StringComparison.OrdinalIgnoreCase)).ToList();
            if (instances.Count == 0)
            {
                await error.WriteLineAsync($"No Home Assistant instance is named '{settings.Home}'.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var folder = options.CheckpointPath
                ?? Path.Combine(homeAssistant.StatePath ?? services.GetService<IOptions<DirectOptions>>()?.Value.DataPath ?? "data", "backfill");
            var job = new BackfillJob(homeAssistant, options, services.GetRequiredService<IEventTransport>(), time);
            var exitCode = ExitCodes.Ok;
            foreach (var instance in instances)
            {
                var checkpoint = BackfillCheckpoint.Load(BackfillCheckpoint.FileFor(folder, instance.Name));
                try
                {
                    var (last, stoppedBy) = await job.RunAsync(instance, start, end, settings.Statistics, checkpoint, view, cancellationToken).ConfigureAwait(false);
                    view.Finished(BackfillSummary.Lines(last, stoppedBy, destination, checkpoint.File));
                    exitCode = stoppedBy is null ? exitCode : ExitCodes.Failed;
                }
                catch (HomeAssistantAuthException ex)
                {
                    await error.WriteLineAsync($"{instance}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Unreachable;
                }
                catch (Exception ex) when (ex is HomeAssistantConnectionLostException or System.Net.WebSockets.WebSocketException or HttpRequestException
                                               or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync($"{instance}: Home Assistant could not be reached: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Unreachable;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return ExitCodes.Failed;
                }
            }

            return exitCode;
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
