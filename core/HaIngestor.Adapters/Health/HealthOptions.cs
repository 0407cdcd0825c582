using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Adapters.Health;

/// <summary>Health check settings (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Health";

    /// <summary>Oldest acceptable connector heartbeat (the connector sends one every 60 s). Default 3 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan HeartbeatMaxAge { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Time allowed for each probe. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
