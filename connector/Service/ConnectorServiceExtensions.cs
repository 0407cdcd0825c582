using HaIngestor.Adapters.Quality;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Quality;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Status;
using HaIngestor.Core.Batching;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the connector: buffer, journal, transport, forwarding, heartbeat, health and metrics, and the Home Assistant clients.</summary>
public static class ConnectorServiceExtensions
{
    /// <summary>
    /// Registers everything the connector runs, configured from sections <c>Connector</c>, <c>Batching</c>,
    /// <c>Journal</c>, <c>Health</c>, <c>HomeAssistant</c> and the transport's own; every section validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.AddOptionsWithValidateOnStart<JournalOptions>().Bind(configuration.GetSection(JournalOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>());
        services.AddOptionsWithValidateOnStart<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        var batching = services.AddBatching().Bind(configuration.GetSection(BatcherOptions.SectionName));
        if (configuration[BatcherOptions.SectionName + ":Capacity"] is not null)
        {
            // Once a setting, never read: a value there would otherwise be ignored without a word.
            batching.Validate(_ => false, "Batching:Capacity is not a setting: the events held in memory are Connector:BufferCapacity.");
        }

        services.TryAddSingleton<ConnectorCounters>();
        services.TryAddSingleton(sp => new SinkOutage(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SinkOutage>>())
        {
            RetryPlan = OutagePlan(sp.GetRequiredService<IOptions<ConnectorOptions>>().Value, sp.GetRequiredService<IOptions<JournalOptions>>().Value),
        });
        services.TryAddSingleton<EventJournal>();
        services.TryAddSingleton<EventBuffer>();
        services.TryAddSingleton<DomainCounts>();
        services.TryAddSingleton<IReceivedEventSink>(sp => new CountingSink(sp.GetRequiredService<EventBuffer>(), sp.GetRequiredService<DomainCounts>()));
        services.TryAddSingleton<HealthReporter>();
        services.TryAddSingleton<StatusReporter>();
        var problems = new RecentProblems(TimeProvider.System);
        services.TryAddSingleton(problems);
        builder.Logging.AddProvider(problems);
        services.TryAddSingleton<ConnectorGauges>();
        services.TryAddSingleton(sp =>
        {
            // The gauges exist before anyone scrapes; the exposition listens from the host's start on, so no
            // histogram measurement is missed.
            _ = sp.GetRequiredService<ConnectorGauges>();
            return new PrometheusExposition(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.AddHostedService(sp => new MetricsListening(sp.GetRequiredService<PrometheusExposition>()));
        services.TryAddSingleton<PipelineFigures>();
        services.AddSharedQuality(configuration);

        var transport = configuration.GetSection(ConnectorOptions.SectionName).Get<ConnectorOptions>()?.Transport ?? TransportKind.EventHubs;
        if (transport == TransportKind.Direct)
        {
            builder.AddDirectTransport();
        }
        else
        {
            builder.AddEventHubsTransport();
        }

        // Hosted services stop in reverse order: the clients stop reading before the forwarder drains.
        services.AddHostedService<ForwardingService>();
        services.AddHostedService<HeartbeatService>();
        if (configuration.GetSection(QualityOptions.SectionName).Get<QualityOptions>()?.Enabled ?? true)
        {
            services.TryAddSingleton<PipelinePoints>();
            services.AddSingleton<HaIngestor.Connector.Status.IStatusSection, QualityStatusSection>();
            services.AddHostedService<QualityService>();
        }

        builder.AddHomeAssistantClients();
        services.Configure<HostOptions>(o =>
        {
            var drain = configuration.GetSection(ConnectorOptions.SectionName).Get<ConnectorOptions>()?.DrainTimeout ?? new ConnectorOptions().DrainTimeout;
            o.ShutdownTimeout = drain + TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    private static string OutagePlan(ConnectorOptions connector, JournalOptions journal) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"events go to the journal ({journal.Path}, up to {journal.MaxBytes / (1024 * 1024)} MiB) and are delivered again, in order, with backoff up to {connector.RetryMaxDelay}");
}
