using System.Diagnostics.Metrics;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Health;

/// <summary>Registration of the health checker and the heartbeat store.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HealthChecker"/>, <see cref="AvailabilityReporter"/> and <see cref="HeartbeatStore"/> with section <c>Health</c>. Needs the
    /// InfluxDB sink and weather enrichment registered too.
    /// </summary>
    public static IServiceCollection AddHealthChecker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<HealthOptions, HealthOptionsValidator>().Bind(configuration.GetSection(HealthOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new IngestorMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddRedisCache(configuration);
        services.TryAddSingleton<HealthMetrics>();
        services.TryAddSingleton(sp => new HeartbeatStore(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<IngestorMetrics>(),
            sp.GetRequiredService<IOptions<RedisOptions>>(),
            sp.GetRequiredService<ILogger<HeartbeatStore>>()));
        services.TryAddSingleton(sp => new HealthChecker(
            sp.GetRequiredService<InfluxDbHealthProbe>(),
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<IWeatherProvider>(),
            sp.GetRequiredService<HeartbeatStore>(),
            sp.GetRequiredService<HealthMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<HealthOptions>>(),
            sp.GetRequiredService<IOptions<WeatherOptions>>(),
            sp.GetRequiredService<ILogger<HealthChecker>>()));
        services.TryAddSingleton(sp => new AvailabilityReporter(configuration, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
