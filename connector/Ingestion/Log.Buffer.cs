using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector;

internal static partial class Log
{
    [LoggerMessage(EventId = 6520, Level = LogLevel.Warning, Message = "Event buffer full ({Capacity} events): new events go to the journal until it is delivered")]
    public static partial void BufferFullSpilling(ILogger logger, int capacity);

    [LoggerMessage(EventId = 6521, Level = LogLevel.Information, Message = "Journal delivered: events take the in-memory path again")]
    public static partial void JournalDrained(ILogger logger);

    [LoggerMessage(EventId = 6522, Level = LogLevel.Debug, Message = "Transport {Transport} could not take a batch of {Count} events ({ErrorType}: {Error}); they are journaled and retried")]
    public static partial void TransportSendFailed(ILogger logger, string transport, int count, string errorType, string error);

    [LoggerMessage(EventId = 6523, Level = LogLevel.Warning, Message = "Shutting down: {Count} buffered events journaled for the next start, {Reason}")]
    public static partial void ShutdownJournaled(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 6525, Level = LogLevel.Error, Message = "Event buffer ({Capacity} events) and journal write queue ({QueueCapacity} events) are full, the disk is not keeping up: new events are dropped and counted (haingestor_connector_events_dropped_total) until the queue has room")]
    public static partial void JournalQueueFull(ILogger logger, int capacity, int queueCapacity);

    [LoggerMessage(EventId = 6526, Level = LogLevel.Warning, Message = "Journal write queue has room again: {Dropped} events were dropped while it was full")]
    public static partial void JournalQueueRecovered(ILogger logger, long dropped);

    [LoggerMessage(EventId = 6524, Level = LogLevel.Information, Message = "Event buffer drained: {Received} events received, {Published} delivered, {JournalDepth} waiting in the journal")]
    public static partial void Drained(ILogger logger, long received, long published, long journalDepth);

    [LoggerMessage(EventId = 6527, Level = LogLevel.Critical, Message = "The event buffer's consumer failed ({ErrorType}: {Error}): {Buffered} events in memory may not have been delivered or journaled")]
    public static partial void ForwardingFailed(ILogger logger, Exception exception, string errorType, string error, int buffered);
}
