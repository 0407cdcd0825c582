using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers what <c>connector backfill</c> needs: the Home Assistant and backfill settings and the transport of <c>run</c>.</summary>
public static class BackfillServiceExtensions
{
    /// <summary>
    /// Binds and validates sections <c>HomeAssistant</c>, <c>Backfill</c> and <c>Connector</c>, and registers the
    /// transport <c>Connector:Transport</c> names (the direct pipeline with its sink, or Event Hubs), as <c>run</c> does.
    /// </summary>
    public static IHostApplicationBuilder AddBackfill(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorCounters>();
        services.AddOptionsWithValidateOnStart<HomeAssistantOptions>().Bind(configuration.GetSection(HomeAssistantOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HomeAssistantOptions>, HomeAssistantOptionsValidator>());
        services.AddOptionsWithValidateOnStart<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackfillOptions>, BackfillOptionsValidator>());
        services.AddOptionsWithValidateOnStart<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        if (configuration.GetSection(ConnectorOptions.SectionName).Get<ConnectorOptions>()?.Transport == TransportKind.Direct)
        {
            builder.AddDirectTransport();
        }
        else
        {
            builder.AddEventHubsTransport();
        }

        return builder;
    }
}
