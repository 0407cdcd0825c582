using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HaIngestor.Adapters.Telemetry;

/// <summary>OpenTelemetry for the <c>HaIngestor</c> meter and activity source, exported to Application Insights; shared by both hosts.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app setting holding the Application Insights connection string.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Collects the ingestor's metrics, spans and logs; exports them to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (locally and in tests nothing is exported).
    /// </summary>
    public static IHostApplicationBuilder AddHaIngestorTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var export = !string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringSetting]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IngestorMetrics.MeterName);
                if (export)
                {
                    metrics.AddAzureMonitorMetricExporter(UseManagedIdentity);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(IngestorMetrics.MeterName);
                if (export)
                {
                    tracing.AddAzureMonitorTraceExporter(UseManagedIdentity);
                }
            });
        if (export)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeScopes = true;
                logging.AddAzureMonitorLogExporter(UseManagedIdentity);
            });
        }

        _ = telemetry;
        return builder;
    }

    // Application Insights runs with local authentication disabled: ingestion needs an Entra token. With
    // AZURE_CLIENT_ID set (the user-assigned identity) DefaultAzureCredential signs in as that identity, which holds
    // Monitoring Metrics Publisher on the component.
    private static void UseManagedIdentity(AzureMonitorExporterOptions options) => options.Credential = new DefaultAzureCredential();
}
