using System.Reflection;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Service;

/// <summary>Sends a heartbeat through the transport every <see cref="ConnectorOptions.HeartbeatInterval"/>.</summary>
internal sealed class HeartbeatService(
    IServiceProvider services,
    IHomeAssistantStatus status,
    EventBuffer buffer,
    IOptions<ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <summary>The connector's version as built.</summary>
    public static string Version { get; } =
        typeof(HeartbeatService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(HeartbeatService).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved at start, after the host has validated the options (see ForwardingService).
        var transport = services.GetRequiredService<IEventTransport>();
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, timeProvider);
        do
        {
            var homes = status.Homes;
            var heartbeat = new Heartbeat(
                [.. homes.Select(h => h.DisplayName)],
                homes.Count(h => h.IsConnected),
                buffer.JournalDepth,
                Version,
                timeProvider.GetUtcNow());
            try
            {
                await transport.SendHeartbeatAsync(heartbeat, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A missed heartbeat is what the other side watches for; nothing to keep.
                Log.HeartbeatFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
