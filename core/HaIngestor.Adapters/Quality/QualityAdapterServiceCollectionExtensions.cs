using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Quality;

/// <summary>Registers data quality with its evaluation, and shared state in Redis when <c>Redis:ConnectionString</c> is set.</summary>
public static class QualityAdapterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tracker (section <c>Quality</c>), an <see cref="IQualityStore"/> in Redis when Redis is configured
    /// (memory only otherwise), <see cref="QualityEvaluator"/> writing to the registered sink, and
    /// <see cref="QualityStateSync"/> when there is a store.
    /// </summary>
    public static IServiceCollection AddSharedQuality(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddQualityTracking(configuration);
        services.AddRedisCache(configuration);
        if (!string.IsNullOrWhiteSpace(configuration.GetSection(RedisOptions.SectionName)[nameof(RedisOptions.ConnectionString)]))
        {
            services.TryAddSingleton<IQualityStore>(sp => new RedisQualityStore(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<IOptions<RedisOptions>>().Value.InstanceName,
                sp.GetRequiredService<IOptions<QualityOptions>>().Value.StateTimeToLive,
                sp.GetRequiredService<ILogger<RedisQualityStore>>()));
            services.TryAddSingleton(sp => new QualityStateSync(sp.GetRequiredService<QualityTracker>(), sp.GetRequiredService<IQualityStore>()));
        }

        services.TryAddSingleton(sp => new QualityEvaluator(
            sp.GetRequiredService<QualityTracker>(),
            sp.GetService<IQualityStore>(),
            sp.GetService<ILineProtocolSink>(),
            sp.GetService<IOptions<PipelineOptions>>()?.Value ?? new PipelineOptions(),
            sp.GetRequiredService<ILogger<QualityEvaluator>>()));
        return services;
    }
}
