using System.Globalization;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// The retry pipeline of InfluxDB writes: connection failures, timeouts, 408, 429 and 5xx are retried with exponential
/// backoff and jitter, waiting as long as the server's <c>Retry-After</c> asks (capped by
/// <see cref="InfluxDbOptions.MaxRetryAfter"/>). Everything else is answered at once.
/// </summary>
internal static class InfluxDbRetry
{
    public static ResiliencePipeline<InfluxWriteResponse> Create(
        InfluxDbOptions options,
        TimeProvider timeProvider,
        IngestorMetrics metrics,
        ILogger logger,
        string sink,
        SinkOutage? outage = null)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline<InfluxWriteResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<InfluxWriteResponse> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<InfluxWriteResponse>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome, options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    metrics.WriteRetried(sink);
                    var failure = Describe(args.Outcome);
                    Log.WriteRetrying(logger, args.AttemptNumber + 1, args.RetryDelay, failure);
                    outage?.Failed("InfluxDB", failure);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>True for failures where no answer came back: worth retrying, and a sign of unavailability afterwards.</summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or TimeoutRejectedException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HTTP timeout, not the caller's cancellation
        _ => false,
    };

    /// <summary>The server's <c>Retry-After</c>, capped; null lets the exponential backoff decide.</summary>
    internal static TimeSpan? RetryAfter(Outcome<InfluxWriteResponse> outcome, TimeSpan max) =>
        outcome.Result.RetryAfter is { } wait && outcome.Exception is null
            ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait)
            : null;

    private static bool ShouldRetry(Outcome<InfluxWriteResponse> outcome, CancellationToken cancellationToken) =>
        outcome.Exception is { } exception
            ? IsTransportFailure(exception, cancellationToken)
            : outcome.Result.IsTransient;

    internal static string Describe(Outcome<InfluxWriteResponse> outcome) =>
        outcome.Exception is { } exception
            ? $"{exception.GetType().Name}: {exception.Message}"
            : string.Create(CultureInfo.InvariantCulture, $"HTTP {outcome.Result.StatusCode}");
}
