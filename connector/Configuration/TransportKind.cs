namespace HaIngestor.Connector.Configuration;

/// <summary>Where the connector sends the events it receives.</summary>
public enum TransportKind
{
    /// <summary>To Azure Event Hubs, for the functions to process.</summary>
    EventHubs,

    /// <summary>Through the core pipeline in-process, to line-protocol files or InfluxDB.</summary>
    Direct,
}
