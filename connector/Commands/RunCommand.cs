using System.CommandLine;
using System.Net;
using HaIngestor.Adapters.Telemetry;
using HaIngestor.Connector.AddOn;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary><c>run</c>: the service, configured by environment variables, with <c>/health</c> and <c>/metrics</c>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command(
            "run",
            "Run the connector service (the default): connect to Home Assistant and send every event to the configured transport.\n" +
            "Configured by environment variables (HomeAssistant__Url or HOME_ASSISTANT_URL, HomeAssistant__Token, Connector__Transport=EventHubs|Direct, " +
            "EventHubs__FullyQualifiedNamespace, EventHubs__EventHubName, Direct__Sink=Files|InfluxDb, InfluxDb__Url, Journal__Path, Health__Port...); see docs/CONNECTOR.md.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(CancellationToken cancellationToken) => RunAsync(overrides: null, Console.Error, cancellationToken);

    /// <summary>Runs until the host stops (SIGTERM, Ctrl-C); <paramref name="overrides"/> take precedence over the environment.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?>? overrides, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        WebApplication app;
        try
        {
            app = Build(overrides);
        }
        catch (Exception ex) when (ConfigurationErrors.IsValidationFailure(ex))
        {
            return ConfigurationErrors.Report(ex, error);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync("Invalid configuration: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        await using (app.ConfigureAwait(false))
        {
            if (CommandHost.Validate(app, error) is { } badConfiguration)
            {
                return badConfiguration;
            }

            try
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ConfigurationErrors.IsValidationFailure(ex))
            {
                return ConfigurationErrors.Report(ex, error);
            }
        }
    }

    /// <summary>Builds the service's web application.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?>? overrides)
    {
        // Settings are read once: reloading appsettings.json on change means watching the whole working folder,
        // which in direct mode is where the data files are written, for a wake-up on every write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Configuration.AddEnvironmentAliases();
        builder.Configuration.AddHomeAssistantAddOn();
        builder.AddConnector();

        // Framework categories at Warning whether or not telemetry is exported: the console is read by a person and
        // shipped by container platforms, and the HTTP client alone logs four lines per request.
        builder.Logging.AddFrameworkLogLevels();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[TelemetryServiceCollectionExtensions.ConnectionStringSetting]))
        {
            // Only when there is somewhere to export to: /metrics reads the connector's own counters, and the
            // OpenTelemetry SDK with no exporter would still load (about 4 MB of assemblies with Azure.Core and the
            // Azure Monitor exporter) and aggregate every measurement for nobody.
            builder.AddHaIngestorTelemetry();
        }
        var health = builder.Configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
        if (!IPAddress.TryParse(health.Address, out var address))
        {
            throw new FormatException($"Health:Address '{health.Address}' is not an IP address (use 0.0.0.0 for all interfaces).");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, health.Port));
        var app = builder.Build();
        app.MapConnectorEndpoints();
        return app;
    }
}
