using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector;

internal static partial class Log
{
    [LoggerMessage(EventId = 6540, Level = LogLevel.Error, Message = "A {EventType} event of {Bytes} bytes exceeds the Event Hubs message limit of {MaxBytes} bytes and cannot be sent; it is counted as oversize")]
    public static partial void EventTooLarge(ILogger logger, string eventType, int bytes, long maxBytes);

    [LoggerMessage(EventId = 6541, Level = LogLevel.Debug, Message = "Event Hubs send failed ({ErrorType}); retry {Attempt} in {Delay}")]
    public static partial void EventHubsRetry(ILogger logger, string errorType, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6542, Level = LogLevel.Debug, Message = "Heartbeat could not be sent ({ErrorType})")]
    public static partial void HeartbeatFailed(ILogger logger, string errorType);
}
