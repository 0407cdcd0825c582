using System.Diagnostics;

namespace HaIngestor.Core.Telemetry;

/// <summary>The <c>HaIngestor</c> activity source: one span per processed batch, correlated by HA context ids.</summary>
public static class IngestorActivity
{
    /// <summary>The source, named like the meter.</summary>
    public static ActivitySource Source { get; } = new(IngestorMetrics.MeterName);

    /// <summary>Tag holding the HA context id (a ULID) of the batch's first event, to find the batch from Home Assistant's logbook.</summary>
    public const string ContextIdTag = "ha.context_id";
}
