using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>Log messages of the simulator (EventIds 3000-3099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Home Assistant simulator listening on {BaseUrl} ({Entities} entities, {EventsPerSecond} events/s)")]
    public static partial void Started(ILogger logger, string baseUrl, int entities, double eventsPerSecond);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: did not receive auth message within {Timeout}")]
    public static partial void AuthTimedOut(ILogger logger, long connectionId, TimeSpan timeout);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: auth rejected ({Reason})")]
    public static partial void AuthRejected(ILogger logger, long connectionId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Connection {ConnectionId}: client exceeded max pending messages: {Limit}")]
    public static partial void PendingLimitExceeded(ILogger logger, long connectionId, int limit);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Connection {ConnectionId}: client unable to keep up with pending messages. Stayed over {Peak} for {PeakTime}")]
    public static partial void PendingPeakExceeded(ILogger logger, long connectionId, int peak, TimeSpan peakTime);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, long connectionId, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Simulator restarting: {Connections} connections dropped, back after {Downtime}")]
    public static partial void Restarting(ILogger logger, int connections, TimeSpan downtime);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Simulator back up, {Entities} entities re-announced")]
    public static partial void Restarted(ILogger logger, int entities);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Fault injected: {Fault}")]
    public static partial void FaultInjected(ILogger logger, string fault);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Connection {ConnectionId}: unexpected error")]
    public static partial void UnexpectedError(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: no pong within {Timeout}, connection dropped")]
    public static partial void HeartbeatTimedOut(ILogger logger, long connectionId, TimeSpan timeout);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Background activity failed")]
    public static partial void ActivityFailed(ILogger logger, Exception exception);
}
