using Microsoft.Extensions.Logging;

namespace HaIngestor.Core;

/// <summary>Log messages of batch processing (event ids 4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Weather lookup failed; the batch of {Count} events goes on without weather")]
    public static partial void WeatherLookupFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Batch observer {Observer} failed; processing goes on")]
    public static partial void BatchObserverFailed(ILogger logger, Exception exception, string observer);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The pipeline failed on an event of a {Source} batch; the event is dead-lettered")]
    public static partial void PipelineFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Sink {Sink} unavailable for a {Source} batch of {Count} events (attempt {Attempt}): {Failure}; dead-lettering them")]
    public static partial void SinkUnavailableDeadLettering(ILogger logger, string sink, string source, int count, int attempt, string failure);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Sink {Sink} unavailable for a {Source} batch of {Count} events (attempt {Attempt}): {Failure}; leaving them to the caller")]
    public static partial void SinkUnavailableDeferred(ILogger logger, string sink, string source, int count, int attempt, string failure);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Dead-lettered {Count} events of a {Source} batch: {Rejected} invalid, {SinkRejected} refused by the sink ({SinkReason}), {SinkUnavailable} unwritten")]
    public static partial void BatchDeadLettered(ILogger logger, int count, string source, int rejected, int sinkRejected, string? sinkReason, int sinkUnavailable);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "The dead-letter store failed to keep {Count} events of a {Source} batch")]
    public static partial void DeadLetterStoreFailed(ILogger logger, Exception exception, int count, string source);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Replayed dead-letter segment {Segment}: {Letters} letters, {Written} events written, {DeadLettered} dead-lettered again")]
    public static partial void SegmentReplayed(ILogger logger, string segment, int letters, int written, int deadLettered);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Replay stopped at dead-letter segment {Segment}: the sink is unavailable ({Failure}); it stays in the store")]
    public static partial void ReplayStopped(ILogger logger, string segment, string failure);
}
