using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Service;

/// <summary>
/// Runs the buffer's single consumer. Registered before the Home Assistant clients, so on shutdown the clients stop
/// reading first and this service then delivers (or journals) what is left.
/// </summary>
/// <remarks>
/// The transport is resolved when the service starts, after the host has validated the options, so a bad setting is
/// reported as such instead of as a failure to build the transport.
/// A failure of the consumer is logged here: the host does not report what a background service throws while it
/// stops, so without this line events lost that way would be lost silently.
/// </remarks>
internal sealed class ForwardingService(EventBuffer buffer, IServiceProvider services, ILogger<ForwardingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await buffer.RunAsync(services.GetRequiredService<IEventTransport>(), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ForwardingFailed(logger, ex, ex.GetType().Name, ex.Message, buffer.Buffered);
            throw;
        }
    }
}
