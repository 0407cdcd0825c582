using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator;

/// <summary>Runs the simulator for the lifetime of a host.</summary>
internal sealed class SimulatorHostedService(
    IOptions<SimulatorOptions> options,
    SimulatorHost host,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private HaSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _simulator = await HaSimulator.StartAsync(options.Value, timeProvider, loggerFactory, cancellationToken).ConfigureAwait(false);
            host.SetStarted(_simulator);
        }
        catch (Exception ex)
        {
            host.SetFailed(ex);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
            _simulator = null;
        }
    }

    public ValueTask DisposeAsync() => _simulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
