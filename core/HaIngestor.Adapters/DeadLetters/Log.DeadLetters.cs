using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Log messages of the dead-letter stores (event ids 4200-4299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Stored {Count} dead letters in {Segment}")]
    public static partial void DeadLettersStored(ILogger logger, int count, string segment);
}
