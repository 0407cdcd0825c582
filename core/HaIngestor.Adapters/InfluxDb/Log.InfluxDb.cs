using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Log messages of the InfluxDB sink (event ids 4100-4199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "InfluxDB write failed ({Failure}); retry {Attempt} in {Delay}")]
    public static partial void WriteRetrying(ILogger logger, int attempt, TimeSpan delay, string failure);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "InfluxDB refused {Rejected} of {Lines} lines: {Reason}")]
    public static partial void LinesRejected(ILogger logger, int rejected, int lines, string? reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "InfluxDB health probe failed: {Detail}")]
    public static partial void HealthProbeFailed(ILogger logger, string detail);
}
