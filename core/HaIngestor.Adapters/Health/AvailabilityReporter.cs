using Azure.Identity;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HaIngestor.Adapters.Health;

/// <summary>
/// Sends every part of a health report to Application Insights as an availability result, so the Availability
/// view and its alerts show InfluxDB, Redis, weather and connector freshness over time. Does nothing when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is not set (local runs).
/// </summary>
public sealed class AvailabilityReporter : IDisposable
{
    /// <summary>The setting holding the Application Insights connection string.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private readonly TelemetryConfiguration? _configuration;
    private readonly TelemetryClient? _client;
    private readonly TimeProvider _time;
    private readonly string _location;

    /// <summary>Creates the reporter from the host configuration.</summary>
    public AvailabilityReporter(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _time = time;
        _location = configuration["WEBSITE_SITE_NAME"] ?? Environment.MachineName;
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        _configuration = new TelemetryConfiguration { ConnectionString = connectionString };

        // Application Insights runs with local authentication disabled in Azure: sign in as the user-assigned
        // identity (AZURE_CLIENT_ID), which holds Monitoring Metrics Publisher.
        if (!string.IsNullOrWhiteSpace(configuration["AZURE_CLIENT_ID"]))
        {
            _configuration.SetAzureTokenCredential(new DefaultAzureCredential());
        }

        _client = new TelemetryClient(_configuration);
    }

    /// <summary>True when results are sent.</summary>
    public bool IsEnabled => _client is not null;

    /// <summary>Sends one availability result per part of <paramref name="report"/> and flushes them.</summary>
    public void Report(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_client is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (name, entry) in report.Entries)
        {
            _client.TrackAvailability(new AvailabilityTelemetry(
                $"ha-ingestor {name}", now, entry.Duration, _location, entry.Status == HealthStatus.Healthy, entry.Description));
        }

        _client.Flush();
    }

    /// <summary>Releases the telemetry channel.</summary>
    public void Dispose() => _configuration?.Dispose();
}
