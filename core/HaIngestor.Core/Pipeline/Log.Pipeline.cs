using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Core;

/// <summary>Log messages of the pure pipeline (event ids 1000-1999). Nothing is logged per event.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Event pipeline ready: schema {Schema}, precision {Precision}, {TypedAttributes} typed attributes, unit conversion {ConvertUnits}, unavailable states {UnavailableHandling}")]
    public static partial void PipelineReady(ILogger logger, PointSchema schema, WritePrecision precision, int typedAttributes, bool convertUnits, string unavailableHandling);
}
