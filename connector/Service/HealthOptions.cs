using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Connector.Service;

/// <summary>Options of the HTTP surface, <c>/health</c> and <c>/metrics</c> (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Health";

    /// <summary>TCP port. Default 8080.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Address to listen on. Default <c>0.0.0.0</c> (all interfaces, as a container needs).</summary>
    [Required]
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>With no Home Assistant connected for this long, <c>/health</c> answers 503. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DisconnectedGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Journal fill ratio at which <c>/health</c> answers 503 (events are about to be dropped). Default 0.9.</summary>
    [Range(0.01, 1.0)]
    public double JournalUnhealthyRatio { get; set; } = 0.9;
}
