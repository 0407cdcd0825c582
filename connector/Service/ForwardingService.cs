using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using Microsoft.Extensions.Hosting;

namespace HaIngestor.Connector.Service;

/// <summary>
/// Runs the buffer's single consumer. Registered before the Home Assistant clients, so on shutdown the clients stop
/// reading first and this service then delivers (or journals) what is left.
/// </summary>
internal sealed class ForwardingService(EventBuffer buffer, IEventTransport transport) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => buffer.RunAsync(transport, stoppingToken);
}
