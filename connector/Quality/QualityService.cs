using HaIngestor.Adapters.Quality;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Quality;

/// <summary>
/// Evaluates data quality every <see cref="QualityOptions.EvaluationInterval"/> (on the injected clock): statuses for
/// <c>/health</c> and <c>/metrics</c>, and in direct mode a quality point per status change and a pipeline point
/// (<see cref="PipelinePoints"/>) written to the sink.
/// </summary>
internal sealed class QualityService(
    QualityEvaluator evaluator,
    PipelinePoints pipeline,
    TimeProvider timeProvider,
    ILogger<QualityService> logger,
    ILineProtocolSink? sink = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(evaluator.Tracker.Options.EvaluationInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await evaluator.EvaluateAsync(stoppingToken).ConfigureAwait(false);
                if (sink is not null && evaluator.Tracker.Options.WritePoints)
                {
                    using var writer = new LineProtocolWriter();
                    pipeline.Write(writer, evaluator.Tracker, timeProvider.GetUtcNow());
                    try
                    {
                        await sink.WriteAsync(writer.WrittenMemory, writer.LineCount, stoppingToken).ConfigureAwait(false);
                    }
                    catch (SinkUnavailableException)
                    {
                        // A gap in the pipeline figures; the events themselves are journaled by the transport.
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; quality must never stop the connector.
                Log.QualityEvaluationFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }
}
