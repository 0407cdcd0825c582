using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using HaIngestor.Connector;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Quality;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Quality;
using HaIngestor.Connector.Transports.EventHubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Event Hubs transport.</summary>
public static class EventHubsTransportExtensions
{
    /// <summary>Registers the Event Hubs producer and transport, configured from section <c>EventHubs</c>.</summary>
    public static IHostApplicationBuilder AddEventHubsTransport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<EventHubsOptions>().Bind(builder.Configuration.GetSection(EventHubsOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventHubsOptions>, EventHubsOptionsValidator>());
        services.TryAddSingleton(sp => CreateProducer(sp.GetRequiredService<IOptions<EventHubsOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventHubsOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<EventHubsTransport>>();
            return new EventHubsTransport(
                sp.GetRequiredService<EventHubProducerClient>(),
                CreateSendPipeline(options, sp.GetRequiredService<TimeProvider>(), logger),
                sp.GetRequiredService<ConnectorCounters>(),
                logger);
        });
        services.AddSingleton<IEventTransport>(sp => sp.GetEnabledQualityTracker() is { } quality
            ? new QualityObservingTransport(sp.GetRequiredService<EventHubsTransport>(), quality)
            : sp.GetRequiredService<EventHubsTransport>());
        return builder;
    }

    /// <summary>A producer from a connection string, or from the namespace and <see cref="DefaultAzureCredential"/>.</summary>
    internal static EventHubProducerClient CreateProducer(EventHubsOptions options)
    {
        var clientOptions = CreateClientOptions(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return string.IsNullOrWhiteSpace(options.EventHubName)
                ? new EventHubProducerClient(options.ConnectionString, clientOptions)
                : new EventHubProducerClient(options.ConnectionString, options.EventHubName, clientOptions);
        }

        // DefaultAzureCredential reads AZURE_CLIENT_ID itself to pick a user-assigned managed identity.
        return new EventHubProducerClient(options.FullyQualifiedNamespace, options.EventHubName, new DefaultAzureCredential(), clientOptions);
    }

    /// <summary>
    /// The producer's options: the transport (AMQP on 5671, or AMQP over WebSockets on 443), and the SDK's retry off
    /// (one try of at most <see cref="EventHubsOptions.TryTimeout"/>), so the transport's Polly retry is the only one:
    /// left on, the SDK's default of 3 retries under Polly's 3 made up to 16 attempts per batch.
    /// </summary>
    internal static EventHubProducerClientOptions CreateClientOptions(EventHubsOptions options)
    {
        var clientOptions = new EventHubProducerClientOptions
        {
            RetryOptions = new EventHubsRetryOptions { MaximumRetries = 0, TryTimeout = options.TryTimeout },
        };
        clientOptions.ConnectionOptions.TransportType = options.TransportType;
        return clientOptions;
    }

    /// <summary>Retries a failed send with exponential backoff and jitter, on the injected clock.</summary>
    internal static ResiliencePipeline CreateSendPipeline(EventHubsOptions options, TimeProvider timeProvider, ILogger logger)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // A non-transient failure (unauthorized, hub not found, quota) does not heal in seconds: straight to the journal.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException and not EventHubsException { IsTransient: false }),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                OnRetry = args =>
                {
                    Log.EventHubsRetry(logger, args.Outcome.Exception?.GetType().Name ?? "unknown", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
