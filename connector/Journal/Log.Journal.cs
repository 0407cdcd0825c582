using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector;

internal static partial class Log
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Warning,
        Message = "Journal limit of {MaxBytes} bytes reached: dropped oldest segment {Segment} with {Events} undelivered events")]
    public static partial void JournalSegmentDropped(ILogger logger, long segment, long events, long maxBytes);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "Journal segment {Segment} ends in a torn record: {Bytes} bytes ignored")]
    public static partial void JournalTornTail(ILogger logger, long segment, long bytes);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Skipped {Count} corrupt journal records in segment {Segment}")]
    public static partial void JournalCorruptRecords(ILogger logger, int count, long segment);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Information, Message = "Journal holds {Events} events from a previous run in {Segments} segments; they go first")]
    public static partial void JournalRecovered(ILogger logger, long events, int segments);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Warning, Message = "Could not delete journal file {Path}")]
    public static partial void JournalDeleteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Error, Message = "Journal fsync failed")]
    public static partial void JournalFsyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Error,
        Message = "Journal write in {Folder} failed ({Error}): events that could not be journaled are dropped and counted in haingestor_connector_events_dropped_total until a write succeeds")]
    public static partial void JournalWriteFailed(ILogger logger, string folder, string error);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Warning, Message = "Journal writes in {Folder} succeed again; {Events} events could not be journaled meanwhile")]
    public static partial void JournalWritesResumed(ILogger logger, string folder, long events);

    [LoggerMessage(EventId = 6508, Level = LogLevel.Warning, Message = "Journal checkpoint could not be written ({Error}): a restart would deliver some events again")]
    public static partial void JournalCheckpointFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 6509, Level = LogLevel.Error,
        Message = "Journal cannot be written ({ErrorType}: {Error}): events that cannot be journaled are dropped and counted in haingestor_connector_events_dropped_total until a write succeeds")]
    public static partial void JournalUnavailable(ILogger logger, string errorType, string error);

    [LoggerMessage(EventId = 6510, Level = LogLevel.Warning, Message = "Journal can be written again; {Events} events could not be journaled meanwhile")]
    public static partial void JournalAvailableAgain(ILogger logger, long events);
}
