using HaIngestor.Core.Enrichment;
using System.Diagnostics.Metrics;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>Registers weather enrichment: the configured <see cref="IWeatherProvider"/> and its cache.</summary>
public static class WeatherServiceCollectionExtensions
{
    /// <summary>Registers the provider chosen by <c>Weather:Provider</c> (None, OpenWeatherMap, HomeAssistant), validated at start.</summary>
    public static IHostApplicationBuilder AddWeatherEnrichment(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddWeatherEnrichment(builder.Configuration);
        return builder;
    }

    /// <summary>Same as <see cref="AddWeatherEnrichment(IHostApplicationBuilder)"/>, for a bare service collection.</summary>
    public static IServiceCollection AddWeatherEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        // Same registration as the processing module's, so weather works with or without it.
        services.TryAddSingleton(sp => new IngestorMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddOptionsWithValidateOnStart<WeatherOptions, WeatherOptionsValidator>()
            .Bind(configuration.GetSection(WeatherOptions.SectionName));
        services.AddRedisCache(configuration);

        var provider = ReadProvider(configuration);
        switch (provider)
        {
            case WeatherProviderKind.OpenWeatherMap:
                AddOpenWeatherMap(services);
                break;
            case WeatherProviderKind.HomeAssistant:
                services.TryAddSingleton<HomeAssistantWeatherProvider>();
                services.TryAddSingleton<IWeatherProvider>(sp => sp.GetRequiredService<HomeAssistantWeatherProvider>());
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IBatchObserver, HomeAssistantWeatherProvider>(
                    sp => sp.GetRequiredService<HomeAssistantWeatherProvider>()));
                break;
            default:
                services.TryAddSingleton<IWeatherProvider, NoWeatherProvider>();
                break;
        }

        return services;
    }

    /// <summary>
    /// Registers the shared Redis connection and, when <c>Redis:ConnectionString</c> is set, Redis as the distributed
    /// tier of <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddRedisCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RedisConnection)))
        {
            return services;
        }

        var section = configuration.GetSection(RedisOptions.SectionName);
        services.AddOptionsWithValidateOnStart<RedisOptions, RedisOptionsValidator>().Bind(section);
        services.AddSingleton<RedisConnection>();

        if (!string.IsNullOrWhiteSpace(section[nameof(RedisOptions.ConnectionString)]))
        {
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>().Configure<IOptions<RedisOptions>, RedisConnection>((cache, redis, connection) =>
            {
                cache.InstanceName = redis.Value.InstanceName;
                cache.ConnectionMultiplexerFactory = connection.GetAsync;
            });
        }

        services.AddHybridCache().AddSerializer<WeatherCacheEntry, WeatherCacheEntrySerializer>();
        return services;
    }

    private static void AddOpenWeatherMap(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new RequestGate(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<WeatherOptions>>().Value.MinRequestInterval));
        services.TryAddSingleton<WeatherMetrics>();
        services.TryAddSingleton<OpenWeatherMapProvider>();
        services.TryAddSingleton<IWeatherProvider>(sp => sp.GetRequiredService<OpenWeatherMapProvider>());

        services.AddHttpClient<OpenWeatherMapClient>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<WeatherOptions>>().Value.BaseUrl;
            })
            // The request URL carries the API key: no request logging at all for this client.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var weather = sp.GetRequiredService<IOptions<WeatherOptions>>().Value;
                resilience.AttemptTimeout.Timeout = weather.RequestTimeout;
                resilience.Retry.MaxRetryAttempts = weather.MaxRetries;
                resilience.Retry.Delay = weather.RetryDelay;
                // A dead API must fail within seconds: every attempt, the retry delays, a little slack.
                resilience.TotalRequestTimeout.Timeout =
                    (weather.RequestTimeout * (weather.MaxRetries + 1)) + (weather.RetryDelay * 4) + TimeSpan.FromSeconds(1);
                var sampling = weather.RequestTimeout * 2;
                resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
            });
    }

    private static WeatherProviderKind ReadProvider(IConfiguration configuration)
    {
        var raw = configuration[$"{WeatherOptions.SectionName}:{nameof(WeatherOptions.Provider)}"];
        return Enum.TryParse<WeatherProviderKind>(raw, ignoreCase: true, out var kind) ? kind : WeatherProviderKind.None;
    }
}
