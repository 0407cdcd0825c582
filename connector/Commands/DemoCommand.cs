using System.CommandLine;
using HaIngestor.Connector.Demo;
using Spectre.Console;

namespace HaIngestor.Connector.Commands;

/// <summary><c>demo</c>: a simulated home through the real client and pipeline into line-protocol files, shown live.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var duration = new Option<int>("--duration", "-d") { Description = "Stop after this many seconds (0: run until Ctrl-C).", DefaultValueFactory = _ => 0 };
        var rate = new Option<double>("--rate", "-r") { Description = "Simulated events per second.", DefaultValueFactory = _ => 20 };
        var output = new Option<string>("--out", "-o") { Description = "Data folder for line files, dead letters and the journal.", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated home (same seed, same home).", DefaultValueFactory = _ => 42 };
        var silence = new Option<int>("--silence") { Description = "Silence this many simulated sensors after 30 s, to see data-quality detection.", DefaultValueFactory = _ => 0 };
        var unavailable = new Option<int>("--unavailable") { Description = "Make this many simulated sensors unavailable for good after 30 s.", DefaultValueFactory = _ => 0 };
        var schema = new Option<string>("--schema") { Description = "Point schema: default or homeassistant.", DefaultValueFactory = _ => "default" };
        var statusPort = new Option<int>("--status-port") { Description = "Loopback port of the status page served while the demo runs (0: a free port; the URL is printed).", DefaultValueFactory = _ => 0 };
        var restartAfter = new Option<int>("--restart-after") { Description = "Restart the simulated Home Assistant once after this many seconds, to see its re-announcement of every entity skipped (0: never).", DefaultValueFactory = _ => 0 };
        var plain = new Option<bool>("--plain") { Description = "Plain periodic lines instead of the live display (automatic when output is redirected)." };
        var command = new Command(
            "demo",
            "Start a simulated Home Assistant home on loopback, ingest from it over a real WebSocket through the pipeline into " +
            "InfluxDB line-protocol files, and show it live. Needs no settings and no Azure account.")
        {
            duration, rate, output, seed, silence, unavailable, schema, plain, statusPort, restartAfter,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(duration);
            var eventsPerSecond = parse.GetValue(rate);
            if (seconds < 0 || parse.GetValue(restartAfter) < 0 || eventsPerSecond is <= 0 or > 100_000 || parse.GetValue(statusPort) is < 0 or > 65535 || parse.GetValue(silence) is < 0 or > 1000 || parse.GetValue(unavailable) is < 0 or > 1000)
            {
                await Console.Error.WriteLineAsync("--duration and --restart-after must be 0 or more seconds, --rate between 0 and 100000 events per second, --status-port from 0 to 65535, --silence and --unavailable between 0 and 1000.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            if (parse.GetValue(schema) is not ("default" or "homeassistant"))
            {
                await Console.Error.WriteLineAsync("--schema must be default or homeassistant.").ConfigureAwait(false);
                return ExitCodes.BadConfiguration;
            }

            var interactive = !parse.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            var settings = new DemoSettings(
                seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
                eventsPerSecond,
                parse.GetValue(output) ?? Path.Combine("data", "demo"),
                parse.GetValue(seed),
                interactive,
                parse.GetValue(statusPort),
                parse.GetValue(silence),
                parse.GetValue(unavailable))
            {
                Schema = parse.GetValue(schema) ?? "default",
                RestartAfter = parse.GetValue(restartAfter) > 0 ? TimeSpan.FromSeconds(parse.GetValue(restartAfter)) : null,
            };
            using var cancellation = new ConsoleCancellation(cancellationToken);
            IDemoView view = interactive ? new LiveDemoView(AnsiConsole.Console) : new PlainDemoView(Console.Out);
            var result = await DemoRunner.RunAsync(settings, view, cancellation.Token).ConfigureAwait(false);
            return result.Received > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
