using Microsoft.Extensions.Logging;

namespace HaIngestor.Functions.Functions;

/// <summary>Log lines of the function classes (EventIds 6620-6639).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6620, Level = LogLevel.Information, Message = "Daily summary skipped: Summary:Enabled is not true.")]
    public static partial void SummaryDisabled(ILogger logger);
}
