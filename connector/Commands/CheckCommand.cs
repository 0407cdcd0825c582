using System.CommandLine;
using Azure.Messaging.EventHubs.Producer;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Transports.Direct;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace HaIngestor.Connector.Commands;

/// <summary><c>check</c>: validates the configuration and reaches Home Assistant and the transport or sink.</summary>
internal static class CheckCommand
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var command = new Command(
            "check",
            "Validate the configuration (the same environment variables as 'run') and reach Home Assistant and Event Hubs or the sink; " +
            "prints a table and exits non-zero if anything fails.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var cancellation = new ConsoleCancellation(cancellationToken);
            return await RunAsync(null, AnsiConsole.Console, cancellation.Token).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?>? overrides, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var results = new List<(string Part, bool Ok, string Detail)>();
        WebApplication app;
        try
        {
            app = RunCommand.Build(overrides);
        }
        catch (Exception ex) when (ex is FormatException || ConfigurationErrors.IsValidationFailure(ex))
        {
            results.Add(("configuration", false, string.Join(" ", ConfigurationErrors.Failures(ex))));
            Print(console, results);
            return ExitCodes.BadConfiguration;
        }

        await using (app.ConfigureAwait(false))
        {
            var services = app.Services;
            try
            {
                // The same validation the service runs at start, without starting anything.
                foreach (var validator in services.GetServices<IStartupValidator>())
                {
                    validator.Validate();
                }

                results.Add(("configuration", true, "all settings valid"));
            }
            catch (Exception ex) when (ConfigurationErrors.IsValidationFailure(ex))
            {
                foreach (var failure in ConfigurationErrors.Failures(ex))
                {
                    results.Add(("configuration", false, failure));
                }

                Print(console, results);
                return ExitCodes.BadConfiguration;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            var haOptions = services.GetRequiredService<IOptions<HomeAssistantOptions>>().Value;
            foreach (var instance in haOptions.GetInstances())
            {
                var probe = await HomeAssistantProbe.CheckAsync(instance, haOptions, timeout.Token).ConfigureAwait(false);
                results.Add(($"Home Assistant {instance.Name ?? "default"}", probe.Success, probe.Message));
                if (probe.SubscriptionProblem is { } problem)
                {
                    results.Add(($"Home Assistant {instance.Name ?? "default"} events", false, problem));
                }
            }

            var connector = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
            results.Add(await CheckTransportAsync(services, connector.Transport, timeout.Token).ConfigureAwait(false));
        }

        Print(console, results);
        return results.All(r => r.Ok) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<(string Part, bool Ok, string Detail)> CheckTransportAsync(IServiceProvider services, TransportKind kind, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == TransportKind.EventHubs)
            {
                var producer = services.GetRequiredService<EventHubProducerClient>();
                var properties = await producer.GetEventHubPropertiesAsync(cancellationToken).ConfigureAwait(false);
                return ("Event Hubs", true, $"{producer.FullyQualifiedNamespace}/{properties.Name}: {properties.PartitionIds.Length} partitions");
            }

            var direct = services.GetRequiredService<IOptions<DirectOptions>>().Value;
            if (direct.Sink == DirectSinkKind.InfluxDb)
            {
                var health = await services.GetRequiredService<InfluxDbHealthProbe>()
                    .CheckHealthAsync(new HealthCheckContext(), cancellationToken).ConfigureAwait(false);
                return ("InfluxDB", health.Status == HealthStatus.Healthy, health.Description ?? health.Status.ToString());
            }

            var folder = Path.GetFullPath(direct.LinesPath);
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".check-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return ("line files", true, folder + " is writable");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (kind.ToString(), false, "no answer in time");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (kind.ToString(), false, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static void Print(IAnsiConsole console, List<(string Part, bool Ok, string Detail)> results)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Check").AddColumn("Result").AddColumn("Detail");
        foreach (var (part, ok, detail) in results)
        {
            table.AddRow(Markup.Escape(part), ok ? "[green]ok[/]" : "[red]FAILED[/]", Markup.Escape(detail));
        }

        console.Write(table);
    }
}
