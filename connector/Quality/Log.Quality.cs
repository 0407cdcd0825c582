using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector;

/// <summary>Log messages of the connector's quality evaluation (EventIds 6550-6559).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6550, Level = LogLevel.Warning, Message = "Data quality evaluation failed ({Failure}: {Detail}); retrying at the next interval.")]
    public static partial void QualityEvaluationFailed(ILogger logger, string failure, string detail);
}
