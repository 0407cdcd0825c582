using HaIngestor.Adapters.Quality;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Quality;

/// <summary>
/// Evaluates data quality every <see cref="QualityOptions.EvaluationInterval"/> (on the injected clock): statuses for
/// <c>/health</c> and <c>/metrics</c>, and in direct mode a quality point per status change written to the sink.
/// </summary>
internal sealed class QualityService(QualityEvaluator evaluator, TimeProvider timeProvider, ILogger<QualityService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(evaluator.Tracker.Options.EvaluationInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await evaluator.EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; quality must never stop the connector.
                Log.QualityEvaluationFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }
}
