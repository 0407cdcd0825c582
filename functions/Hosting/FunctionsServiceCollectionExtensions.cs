using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Adapters.Health;
using HaIngestor.Adapters.Telemetry;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Quality;
using HaIngestor.Adapters.Retention;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Functions.Hosting;

/// <summary>The function app's composition root: core and adapters, each validated at start, plus telemetry.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers everything the functions use, from the app settings.</summary>
    public static IHostApplicationBuilder AddHaIngestorFunctions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Registered before the sink so the sink and the processor report into this one, with the functions' plan.
        builder.Services.AddSingleton(sp => new SinkOutage(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SinkOutage>>())
        {
            RetryPlan = "each batch is retried by the Event Hubs trigger (5 times, 2 s to 1 min apart) and then dead-lettered; " +
                "once it answers, replay the dead letters with `connector replay --dead-letters`",
        });
        builder.AddHaIngestorPipeline();
        builder.AddWeatherEnrichment();
        builder.AddInfluxDbSink();
        builder.AddDailySummaries();
        builder.AddDeadLetterStore();
        builder.Services.AddSharedQuality(builder.Configuration);
        builder.Services.AddIngestProcessing();
        builder.Services.AddHealthChecker(builder.Configuration);
        builder.Services.AddSingleton(sp => new EventBatchHandler(
            sp.GetRequiredService<IngestBatchProcessor>(),
            sp.GetRequiredService<HaIngestor.Adapters.Health.HeartbeatStore>(),
            sp.GetService<QualityStateSync>()));
        // Registered (the worker would create them anyway) so the container validates their dependencies at build.
        builder.Services.AddTransient<ProcessEventsFunction>();
        builder.Services.AddTransient<HealthCheckFunction>();
        builder.Services.AddTransient<DailySummaryFunction>();
        builder.Services.AddTransient<QualityCheckFunction>();
        builder.Logging.AddFrameworkLogLevels();
        builder.AddHaIngestorTelemetry();
        return builder;
    }
}
