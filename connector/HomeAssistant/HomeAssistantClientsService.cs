using HaIngestor.Connector.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Runs one <see cref="HomeAssistantClient"/> per configured instance for the life of the host.</summary>
internal sealed class HomeAssistantClientsService(
    IOptions<HomeAssistantOptions> options,
    IReceivedEventSink sink,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    HomeAssistantStatusRegistry status,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private IReadOnlyList<HomeAssistantClient>? _clients;

    /// <summary>The running clients (after start).</summary>
    internal IReadOnlyList<HomeAssistantClient> Clients => _clients ?? [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggerFactory.CreateLogger<HomeAssistantClient>();
        _clients = [.. settings.GetInstances().Select(instance => new HomeAssistantClient(
            instance, settings, sink, httpClientFactory, timeProvider, status.Register(instance.Name), logger))];
        Log.StartingClients(logger, _clients.Count);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Clients.Select(client => Task.Run(() => client.RunAsync(stoppingToken), CancellationToken.None)));
}
