using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Retention;

/// <summary>Registration of the daily summarizer (<see cref="IDailySummarizer"/>).</summary>
public static class SummaryServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> for InfluxQL queries, with a longer timeout than writes need.</summary>
    internal const string HttpClientName = "HaIngestor.InfluxDb.Query";

    /// <summary>Registers <see cref="IDailySummarizer"/> with section <c>Summary</c>; needs the InfluxDB sink registered (same server).</summary>
    public static IHostApplicationBuilder AddDailySummaries(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDailySummaries(builder.Configuration.GetSection(SummaryOptions.SectionName));
        return builder;
    }

    /// <summary>Registers <see cref="IDailySummarizer"/> bound to <paramref name="section"/>.</summary>
    public static IServiceCollection AddDailySummaries(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptionsWithValidateOnStart<SummaryOptions, SummaryOptionsValidator>().Bind(section);
        return services.AddDailySummariesCore();
    }

    /// <summary>Registers <see cref="IDailySummarizer"/> configured in code.</summary>
    public static IServiceCollection AddDailySummaries(this IServiceCollection services, Action<SummaryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<SummaryOptions, SummaryOptionsValidator>().Configure(configure);
        return services.AddDailySummariesCore();
    }

    private static IServiceCollection AddDailySummariesCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new IngestorMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SummaryMetrics>();

        // Queries are idempotent GETs, so the standard handler may retry them; one attempt may take as long as a
        // large measurement's answer takes to start.
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var summary = sp.GetRequiredService<IOptions<SummaryOptions>>().Value;
                resilience.AttemptTimeout.Timeout = summary.QueryTimeout;
                resilience.Retry.MaxRetryAttempts = 3;
                resilience.TotalRequestTimeout.Timeout = (summary.QueryTimeout * 4) + TimeSpan.FromMinutes(1);
                var sampling = summary.QueryTimeout * 2;
                resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
            });

        services.TryAddSingleton<IDailySummarizer>(sp =>
        {
            var influx = sp.GetRequiredService<IOptions<InfluxDbOptions>>().Value;
            var summary = sp.GetRequiredService<IOptions<SummaryOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            var target = TargetOptions(influx, summary);
            var sink = InfluxDbServiceCollectionExtensions.CreateSink(sp, target, WritePrecision.Milliseconds);
            return new DailySummarizer(
                CreateReader(factory.CreateClient(HttpClientName), influx, summary),
                sink,
                summary,
                target.MaxLinesPerRequest,
                target.MaxBytesPerRequest,
                sp.GetRequiredService<SummaryMetrics>(),
                timeProvider,
                sp.GetRequiredService<ILogger<DailySummarizer>>());
        });
        return services;
    }

    /// <summary>Where the summaries are read from: the raw bucket (through its DBRP mapping) or database.</summary>
    internal static InfluxQlReader CreateReader(HttpClient http, InfluxDbOptions influx, SummaryOptions summary)
    {
        var v2 = influx.ApiVersion == InfluxDbApiVersion.V2;
        var database = !string.IsNullOrWhiteSpace(summary.SourceDatabase) ? summary.SourceDatabase : v2 ? influx.Bucket! : influx.Database!;
        var retentionPolicy = !string.IsNullOrWhiteSpace(summary.SourceRetentionPolicy) ? summary.SourceRetentionPolicy
            : v2 ? null : influx.RetentionPolicy;
        AuthenticationHeaderValue? authorization = null;
        if (v2)
        {
            authorization = new AuthenticationHeaderValue("Token", influx.Token);
        }
        else
        {
            authorization = InfluxDbEndpoints.BasicAuthorization(influx);
        }

        return new InfluxQlReader(http, InfluxDbEndpoints.BaseUri(influx), database, retentionPolicy, authorization);
    }

    /// <summary>The sink settings with the summary bucket (v2) or summary retention policy (v1) as destination.</summary>
    internal static InfluxDbOptions TargetOptions(InfluxDbOptions influx, SummaryOptions summary) => new()
    {
        Url = influx.Url,
        ApiVersion = influx.ApiVersion,
        Token = influx.Token,
        Org = influx.Org,
        Bucket = !string.IsNullOrWhiteSpace(summary.Bucket) ? summary.Bucket : influx.Bucket + "_daily",
        Database = influx.Database,
        RetentionPolicy = summary.RetentionPolicy,
        Username = influx.Username,
        Password = influx.Password,
        Precision = WritePrecision.Milliseconds,
        MaxLinesPerRequest = influx.MaxLinesPerRequest,
        MaxBytesPerRequest = influx.MaxBytesPerRequest,
        Gzip = influx.Gzip,
        Timeout = influx.Timeout,
        MaxRetryAttempts = influx.MaxRetryAttempts,
        RetryBaseDelay = influx.RetryBaseDelay,
        RetryMaxDelay = influx.RetryMaxDelay,
        MaxRetryAfter = influx.MaxRetryAfter,
    };
}
