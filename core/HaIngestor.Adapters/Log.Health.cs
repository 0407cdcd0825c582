using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Health log lines (EventIds 5100-5199): one structured warning per failing part per check.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Health check: {Part} is {Status}: {Detail}")]
    public static partial void HealthPartFailing(ILogger logger, string part, string status, string detail);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Health check: {Healthy} of {Total} parts healthy in {DurationMs} ms.")]
    public static partial void HealthChecked(ILogger logger, int healthy, int total, long durationMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Connector heartbeat could not be stored or read in Redis ({Reason}); using this instance's memory.")]
    public static partial void HeartbeatNotStored(ILogger logger, string reason);
}
