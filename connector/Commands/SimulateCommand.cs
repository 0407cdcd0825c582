using System.CommandLine;
using HaIngestor.Simulator;

namespace HaIngestor.Connector.Commands;

/// <summary><c>simulate</c>: only the simulated Home Assistant, for trying dashboards and clients against it.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Loopback port (0: any free port).", DefaultValueFactory = _ => 8123 };
        var token = new Option<string>("--token", "-t") { Description = "The access token clients must present.", DefaultValueFactory = _ => "simulator-token" };
        var rate = new Option<double>("--rate", "-r") { Description = "Simulated events per second.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated home.", DefaultValueFactory = _ => 42 };
        var silence = new Option<int>("--silence") { Description = "Temperature/humidity sensors that stop reporting after --silence-after.", DefaultValueFactory = _ => 0 };
        var unavailable = new Option<int>("--unavailable") { Description = "Temperature/humidity sensors that turn unavailable for good after --silence-after.", DefaultValueFactory = _ => 0 };
        var silenceAfter = new Option<int>("--silence-after") { Description = "Seconds after start when --silence and --unavailable begin.", DefaultValueFactory = _ => 30 };
        var control = new Option<int?>("--control-port") { Description = "Also serve the control surface (per-entity sent events, fault knobs) on this loopback port (0: any free port)." };
        var command = new Command("simulate", "Run only the simulated Home Assistant (REST /api/ and /api/websocket) on loopback until Ctrl-C.")
        {
            port, token, rate, seed, silence, unavailable, silenceAfter, control,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var cancellation = new ConsoleCancellation(cancellationToken);
            var options = new SimulatorOptions
            {
                Port = parse.GetValue(port),
                Token = parse.GetValue(token) ?? "simulator-token",
                EventsPerSecond = parse.GetValue(rate),
                Seed = parse.GetValue(seed),
                Silence = Math.Max(0, parse.GetValue(silence)),
                Unavailable = Math.Max(0, parse.GetValue(unavailable)),
                SilenceAfter = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(silenceAfter))),
            };
            await using var simulator = await HaSimulator.StartAsync(options, cancellation.Token).ConfigureAwait(false);
            Console.WriteLine($"Simulated Home Assistant running at {simulator.BaseUrl}");
            Console.WriteLine($"  WebSocket: {simulator.WebSocketUrl}");
            Console.WriteLine($"  Token:     {simulator.Token}   (the simulator's own test token)");
            Console.WriteLine($"  Entities:  {simulator.EntityIds.Count}, {options.EventsPerSecond} events/s");
            if (parse.GetValue(control) is { } controlPort)
            {
                var bound = await simulator.StartControlAsync(controlPort, cancellation.Token).ConfigureAwait(false);
                Console.WriteLine($"  Control:   http://127.0.0.1:{bound}/events");
            }

            Console.WriteLine($"Try: HOME_ASSISTANT_URL={simulator.BaseUrl} HOME_ASSISTANT_TOKEN={simulator.Token} Connector__Transport=Direct dotnet run --project connector");
            Console.WriteLine("Ctrl-C stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the normal way to stop.
            }

            Console.WriteLine($"Stopped after {simulator.EventsFired} events.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
