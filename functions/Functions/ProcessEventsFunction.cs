using HaIngestor.Functions.Processing;
using Microsoft.Azure.Functions.Worker;

namespace HaIngestor.Functions.Functions;

/// <summary>Event Hubs trigger: one batch of connector messages per invocation, handed to core.</summary>
public sealed class ProcessEventsFunction
{
    private readonly EventBatchHandler _handler;

    /// <summary>Creates the function.</summary>
    public ProcessEventsFunction(EventBatchHandler handler) => _handler = handler;

    /// <summary>Processes a batch; retried with exponential backoff, dead-lettering on the final attempt.</summary>
    [Function("ProcessEvents")]
    [ExponentialBackoffRetry(5, "00:00:02", "00:01:00")]
    public async Task RunAsync(
        [EventHubTrigger("%EventHubName%", Connection = "EventHubConnection", ConsumerGroup = "%EventHubConsumerGroup%")] string[] events,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _handler.HandleAsync(events, context.RetryContext, context.CancellationToken).ConfigureAwait(false);
    }
}
