using Microsoft.Extensions.Logging;

namespace HaIngestor.Core;

/// <summary>Log messages of the write path's outage episodes (event ids 4020-4029).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "{Dependency} unavailable ({Failure}): {RetryPlan}. Further failures are not logged until it answers again.")]
    public static partial void OutageStarted(ILogger logger, string dependency, string failure, string retryPlan);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Debug, Message = "{Dependency} still unavailable ({Failure})")]
    public static partial void OutageContinues(ILogger logger, string dependency, string failure);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information, Message = "{Dependency} available again after {Outage} ({Failures} failed attempts): {Journaled} events journaled and {Replayed} replayed meanwhile, {DeadLettered} dead-lettered")]
    public static partial void OutageEnded(ILogger logger, string dependency, TimeSpan outage, int failures, long journaled, long replayed, long deadLettered);
}
