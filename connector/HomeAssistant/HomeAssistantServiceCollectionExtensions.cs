using HaIngestor.Connector.HomeAssistant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// The registration extension lives in the hosting namespace so Program needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Home Assistant clients.</summary>
public static class HomeAssistantServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="HomeAssistantOptions"/> (section <c>HomeAssistant</c>), registers
    /// <see cref="IHomeAssistantStatus"/> and a hosted service running one client per instance. The host must
    /// register an <see cref="HaIngestor.Connector.Ingestion.IReceivedEventSink"/>.
    /// </summary>
    public static IHostApplicationBuilder AddHomeAssistantClients(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<HomeAssistantOptions>()
            .Bind(builder.Configuration.GetSection(HomeAssistantOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HomeAssistantOptions>, HomeAssistantOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HomeAssistantStatusRegistry>();
        services.TryAddSingleton<IHomeAssistantStatus>(sp => sp.GetRequiredService<HomeAssistantStatusRegistry>());

        // No resilience handler on purpose: the token check runs inside the reconnect pipeline, which already
        // retries the whole connection with backoff and jitter.
        services.AddHttpClient(HomeAssistantClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler();
                var validator = HomeAssistantTls.CreateValidator(sp.GetRequiredService<IOptions<HomeAssistantOptions>>().Value.CaFile);
                if (validator is not null)
                {
                    handler.SslOptions.RemoteCertificateValidationCallback = validator;
                }

                return handler;
            });

        services.AddSingleton<HomeAssistantClientsService>();
        services.AddHostedService(sp => sp.GetRequiredService<HomeAssistantClientsService>());
        return builder;
    }
}
