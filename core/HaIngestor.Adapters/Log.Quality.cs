using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Data-quality log lines (EventIds 6700-6799): one per evaluation that changed something, one per Redis episode.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6700, Level = LogLevel.Information, Message = "Data quality: {Changes} status change(s): {Silent} silent, {Stuck} stuck unavailable, {OutOfRange} out of range, {Recovered} ok again; now {Problems} of {Tracked} entities silent or stuck ({Points} point(s) written).")]
    public static partial void QualityEvaluated(ILogger logger, int changes, int silent, int stuck, int outOfRange, int recovered, int problems, int tracked, int points);

    [LoggerMessage(EventId = 6701, Level = LogLevel.Warning, Message = "Data quality: {Changes} status change(s) not written, the sink is unavailable ({Reason}); they are reported again at the next evaluation.")]
    public static partial void QualityPointsDeferred(ILogger logger, int changes, string reason);

    [LoggerMessage(EventId = 6702, Level = LogLevel.Warning, Message = "Data quality state not shared: Redis is unreachable ({Reason}); this instance carries on with its own memory.")]
    public static partial void QualityStateNotShared(ILogger logger, string reason);

    [LoggerMessage(EventId = 6703, Level = LogLevel.Information, Message = "Data quality state shared through Redis again.")]
    public static partial void QualityStateShared(ILogger logger);

    [LoggerMessage(EventId = 6704, Level = LogLevel.Warning, Message = "Data quality: {Untracked} event(s) of entities beyond Quality:MaxEntities ({MaxEntities}) were counted but not tracked.")]
    public static partial void QualityBoundReached(ILogger logger, long untracked, int maxEntities);
}
