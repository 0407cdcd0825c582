using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Weather;
using HaIngestor.Connector.Status;
using HaIngestor.Connector.Transports;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the direct transport.</summary>
public static class DirectTransportExtensions
{
    /// <summary>
    /// Registers the core pipeline in-process (section <c>Pipeline</c>), weather enrichment (section <c>Weather</c>),
    /// the sink chosen by <c>Direct:Sink</c> (line files, or InfluxDB from section <c>InfluxDb</c>) and a folder of
    /// dead letters under <c>Direct:DataPath</c>.
    /// </summary>
    public static IHostApplicationBuilder AddDirectTransport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(DirectOptions.SectionName);
        services.AddOptionsWithValidateOnStart<DirectOptions>().Bind(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectOptions>, DirectOptionsValidator>());
        services.AddOptions<PipelineOptions>().Bind(builder.Configuration.GetSection(PipelineOptions.SectionName));

        var direct = section.Get<DirectOptions>() ?? new DirectOptions();
        if (direct.Sink == DirectSinkKind.InfluxDb)
        {
            builder.AddInfluxDbSink();
        }
        else
        {
            services.TryAddSingleton<LineProtocolFileSink>();
            services.AddSingleton<ILineProtocolSink>(sp => sp.GetRequiredService<LineProtocolFileSink>());
        }

        // A configured store (Blob Storage, as the functions use, or a folder) wins over the data folder, so
        // `replay --dead-letters` can also replay what the functions dead-lettered once the cause is fixed.
        // The reasons feed the status page when the service runs; one-shot commands (replay) have no page.
        services.TryAddSingleton<IDeadLetterStore>(sp => sp.GetService<RecentProblems>() is { } problems
            ? new ReasonRecordingDeadLetterStore(sp.GetRequiredService<IReplayableDeadLetterStore>(), problems)
            : sp.GetRequiredService<IReplayableDeadLetterStore>());
        var deadLetters = builder.Configuration.GetSection(DeadLetterOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(deadLetters[nameof(DeadLetterOptions.ServiceUri)])
            || !string.IsNullOrWhiteSpace(deadLetters[nameof(DeadLetterOptions.ConnectionString)])
            || !string.IsNullOrWhiteSpace(deadLetters[nameof(DeadLetterOptions.Folder)]))
        {
            builder.AddDeadLetterStore();
        }
        else
        {
            services.AddFileDeadLetterStore(direct.DeadLettersPath);
        }

        builder.AddWeatherEnrichment();
        services.AddIngestProcessing();
        services.TryAddSingleton<DirectTransport>();
        services.AddSingleton<IEventTransport>(sp => sp.GetRequiredService<DirectTransport>());
        return builder;
    }
}
