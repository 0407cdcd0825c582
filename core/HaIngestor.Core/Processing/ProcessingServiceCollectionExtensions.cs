using System.Diagnostics.Metrics;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Processing;

/// <summary>Registration of batch processing.</summary>
public static class ProcessingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IngestBatchProcessor"/>, <see cref="DeadLetterReplayer"/>, <see cref="IngestorMetrics"/>
    /// and (when absent) the <see cref="EventPipeline"/> built from <see cref="PipelineOptions"/> and the system
    /// <see cref="TimeProvider"/>. An <see cref="ILineProtocolSink"/> and an <see cref="IDeadLetterStore"/> must be
    /// registered too; an <see cref="IWeatherProvider"/> and <see cref="IBatchObserver"/>s are optional.
    /// </summary>
    public static IServiceCollection AddIngestProcessing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PipelineOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IngestorMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SinkOutage(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SinkOutage>>()));
        services.TryAddSingleton(sp => new EventPipeline(sp.GetRequiredService<IOptions<PipelineOptions>>().Value, sp.GetEnabledQualityTracker()));
        services.TryAddSingleton(sp => new IngestBatchProcessor(
            sp.GetRequiredService<EventPipeline>(),
            sp.GetRequiredService<ILineProtocolSink>(),
            sp.GetRequiredService<IDeadLetterStore>(),
            sp.GetRequiredService<IngestorMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IngestBatchProcessor>>(),
            sp.GetService<IWeatherProvider>(),
            sp.GetServices<IBatchObserver>(),
            sp.GetService<SinkOutage>()));
        services.TryAddSingleton(sp => new DeadLetterReplayer(
            sp.GetRequiredService<IReplayableDeadLetterStore>(),
            sp.GetRequiredService<IngestBatchProcessor>(),
            sp.GetRequiredService<ILogger<DeadLetterReplayer>>()));
        return services;
    }
}
