using System.Diagnostics.Metrics;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>Registration of the InfluxDB sink.</summary>
public static class InfluxDbServiceCollectionExtensions
{
    /// <summary>Registers the InfluxDB sink as the <see cref="ILineProtocolSink"/>, configured from section <c>InfluxDb</c>.</summary>
    public static IHostApplicationBuilder AddInfluxDbSink(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddInfluxDbSink(builder.Configuration.GetSection(InfluxDbOptions.SectionName));
        return builder;
    }

    /// <summary>Registers the InfluxDB sink as the <see cref="ILineProtocolSink"/>, bound to <paramref name="section"/>.</summary>
    public static IServiceCollection AddInfluxDbSink(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptionsWithValidateOnStart<InfluxDbOptions, InfluxDbOptionsValidator>().Bind(section);
        return services.AddInfluxDbSinkCore();
    }

    /// <summary>Registers the InfluxDB sink as the <see cref="ILineProtocolSink"/>, configured in code.</summary>
    public static IServiceCollection AddInfluxDbSink(this IServiceCollection services, Action<InfluxDbOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<InfluxDbOptions, InfluxDbOptionsValidator>().Configure(configure);
        return services.AddInfluxDbSinkCore();
    }

    private static IServiceCollection AddInfluxDbSinkCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IngestorMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<PipelineOptions>();
        services.TryAddSingleton(sp => new SinkOutage(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SinkOutage>>()));

        // One long-lived typed client per sink: the handler recycles connections itself so DNS changes are still seen,
        // and retries live in the sink's pipeline (which knows partial writes), not in the handler.
        services.AddHttpClient<InfluxDbWriteClient>(InfluxDbEndpoints.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<InfluxDbOptions>>().Value.Timeout);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InfluxDbOptions>>().Value;
            return CreateSink(sp, options, options.Precision ?? sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Precision);
        });
        services.AddSingleton<ILineProtocolSink>(sp => sp.GetRequiredService<InfluxDbSink>());
        services.TryAddSingleton(sp => new InfluxDbHealthProbe(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<InfluxDbOptions>>(),
            sp.GetRequiredService<ILogger<InfluxDbHealthProbe>>()));
        return services;
    }

    /// <summary>A sink writing with <paramref name="options"/> through the v2 or v1 API, with the registered HTTP client.</summary>
    internal static InfluxDbSink CreateSink(IServiceProvider services, InfluxDbOptions options, Core.Serialization.WritePrecision precision)
    {
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var client = services.GetRequiredService<InfluxDbWriteClient>();
        IInfluxDbTransport transport = options.ApiVersion == InfluxDbApiVersion.V2
            ? new InfluxDbV2Transport(client, options, precision)
            : new InfluxDbV1Transport(client, options, precision);
        return new InfluxDbSink(
            transport,
            options,
            services.GetRequiredService<IngestorMetrics>(),
            timeProvider,
            services.GetRequiredService<ILogger<InfluxDbSink>>(),
            services.GetService<SinkOutage>());
    }
}
