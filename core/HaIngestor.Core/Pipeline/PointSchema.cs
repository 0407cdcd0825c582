namespace HaIngestor.Core.Pipeline;

/// <summary>The shape of the points written.</summary>
public enum PointSchema
{
    /// <summary>Measurement <c>home_assistant_events</c> with entity tags and typed fields.</summary>
    Default,

    /// <summary>The shape of Home Assistant's own InfluxDB integration, for existing dashboards.</summary>
    HomeAssistant,
}
