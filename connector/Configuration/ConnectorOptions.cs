using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.Configuration;

/// <summary>Options of the connector host (section <c>Connector</c>).</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connector";

    /// <summary>The transport: <c>EventHubs</c> (deployed) or <c>Direct</c> (self-hosted, demo). Default EventHubs.</summary>
    public TransportKind Transport { get; set; } = TransportKind.EventHubs;

    /// <summary>Events held in memory between the Home Assistant clients and the transport; beyond it they spill to the journal. Default 10,000.</summary>
    [Range(16, 10_000_000)]
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Longest wait between attempts to deliver the journal while the transport is down (backoff up to this). Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed on shutdown to deliver what is buffered before it goes to the journal. Default 20 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Interval of the heartbeat the transport sends so the other side can tell a quiet house from a dead connector. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);
}
