using Microsoft.Extensions.Hosting;

namespace HaIngestor.Connector.Service;

/// <summary>Creates the <see cref="PrometheusExposition"/> when the host starts, so it listens before the first event rather than from the first scrape.</summary>
internal sealed class MetricsListening(PrometheusExposition exposition) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = exposition;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
