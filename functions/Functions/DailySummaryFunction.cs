using HaIngestor.Adapters.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Functions.Functions;

/// <summary>
/// Timer trigger: writes the daily summaries of the last <c>Summary:Days</c> complete UTC days, the part a continuous
/// query or task plays elsewhere (Cloud Serverless has neither). Schedule from the app setting <c>Summary__Schedule</c>.
/// </summary>
public sealed class DailySummaryFunction
{
    private readonly IDailySummarizer _summarizer;
    private readonly SummaryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the function.</summary>
    public DailySummaryFunction(IDailySummarizer summarizer, IOptions<SummaryOptions> options, TimeProvider timeProvider, ILogger<DailySummaryFunction> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _summarizer = summarizer;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Summarizes the days before today (UTC); does nothing unless <c>Summary:Enabled</c> is true.</summary>
    [Function("DailySummary")]
    public async Task RunAsync([TimerTrigger("%Summary:Schedule%")] TimerInfo timer, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_options.Enabled)
        {
            Log.SummaryDisabled(_logger);
            return;
        }

        // Today is incomplete: the range ends at its start, and re-covers earlier days so late points count.
        var today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        await _summarizer.SummarizeAsync(today.AddDays(-_options.Days), today, context.CancellationToken).ConfigureAwait(false);
    }
}
