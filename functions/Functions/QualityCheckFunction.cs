using HaIngestor.Adapters.Quality;
using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Functions;

/// <summary>
/// Timer trigger: evaluates data quality every minute over the state every instance shares in Redis (this
/// instance's memory otherwise) and writes a quality point per status change; metrics go to Application Insights.
/// </summary>
public sealed class QualityCheckFunction
{
    private readonly QualityEvaluator _evaluator;

    /// <summary>Creates the function.</summary>
    public QualityCheckFunction(QualityEvaluator evaluator) => _evaluator = evaluator;

    /// <summary>Runs one evaluation round (QualityEvaluator); it logs one line when something changed.</summary>
    [Function("QualityCheck")]
    public async Task RunAsync([TimerTrigger("0 * * * * *")] TimerInfo timer, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _evaluator.EvaluateAsync(context.CancellationToken).ConfigureAwait(false);
    }
}
