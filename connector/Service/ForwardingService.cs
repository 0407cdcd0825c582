using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HaIngestor.Connector.Service;

/// <summary>
/// Runs the buffer's single consumer. Registered before the Home Assistant clients, so on shutdown the clients stop
/// reading first and this service then delivers (or journals) what is left.
/// </summary>
/// <remarks>
/// The transport is resolved when the service starts, after the host has validated the options, so a bad setting is
/// reported as such instead of as a failure to build the transport.
/// </remarks>
internal sealed class ForwardingService(EventBuffer buffer, IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        buffer.RunAsync(services.GetRequiredService<IEventTransport>(), stoppingToken);
}
