using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Daily summary log lines (EventIds 6600-6619): one line per run, never one per point.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6600, Level = LogLevel.Information, Message = "Daily summary: {Days} day(s) from {From}, {Measurements} measurement(s), {Points} point(s) written in {DurationMs} ms.")]
    public static partial void SummaryWritten(ILogger logger, int days, string from, int measurements, long points, long durationMs);
}
