using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Pipeline;

/// <summary>Registers the pure pipeline: <see cref="PipelineOptions"/> from section <c>Pipeline</c> and <see cref="EventPipeline"/>.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Adds the pipeline to a host (connector or functions), bound to the host's configuration.</summary>
    public static IHostApplicationBuilder AddHaIngestorPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHaIngestorPipeline(builder.Configuration);
        return builder;
    }

    /// <summary>Adds the pipeline with options bound from <paramref name="configuration"/>'s <c>Pipeline</c> section, validated at start.</summary>
    public static IServiceCollection AddHaIngestorPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<PipelineOptions, PipelineOptionsValidator>()
            .Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;
            var pipeline = new EventPipeline(options, provider.GetEnabledQualityTracker());
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<EventPipeline>() ?? NullLogger<EventPipeline>.Instance;
            Log.PipelineReady(
                logger,
                options.Schema,
                options.Precision,
                options.NumericAttributeAllowlist.Count,
                options.ConvertUnits,
                options.SkipUnavailableStates ? "skipped" : "kept");
            return pipeline;
        });
        return services;
    }
}
