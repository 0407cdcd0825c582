using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>Log messages of the simulated Supervisor proxy (EventIds 3080-3089).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3080, Level = LogLevel.Warning, Message = "Supervisor proxy: unauthorized WebSocket access")]
    public static partial void SupervisorUnauthorized(ILogger logger);

    [LoggerMessage(EventId = 3081, Level = LogLevel.Warning, Message = "Supervisor proxy: Home Assistant WebSocket closed during the proxy's own login ({Reason})")]
    public static partial void SupervisorCoreUnavailable(ILogger logger, string reason);
}
