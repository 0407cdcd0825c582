using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Simulator;

/// <summary>Settings of the Home Assistant simulator; the defaults mirror Home Assistant's own limits.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Configuration section the simulator binds from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The long-lived access token the simulator accepts. Default "simulator-token".</summary>
    [Required]
    [MinLength(1)]
    public string Token { get; set; } = "simulator-token";

    /// <summary>Background events per second (0 = none, only explicit changes). Default 20.</summary>
    [Range(0, 1_000_000)]
    public double EventsPerSecond { get; set; } = 20;

    /// <summary>Seed of everything random (the home's ids, values and activity). Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// The <c>SUPERVISOR_TOKEN</c> of an add-on allowed to use the Supervisor's Home Assistant proxy
    /// (<c>/core/api/</c>, <c>/core/websocket</c>; <c>homeassistant_api: true</c>). Default "supervisor-token".
    /// </summary>
    [Required]
    [MinLength(1)]
    public string SupervisorToken { get; set; } = "supervisor-token";

    /// <summary>Version announced in auth_required and auth_ok. Default "2026.11.0".</summary>
    [Required]
    [MinLength(1)]
    public string HaVersion { get; set; } = "2026.11.0";

    /// <summary>How long a client has to send its auth message. HA: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Queued outgoing messages at which a client is cut off at once. HA: 4096 (MAX_PENDING_MSG).</summary>
    [Range(2, 10_000_000)]
    public int PendingLimit { get; set; } = 4096;

    /// <summary>Queue depth a client may exceed only for <see cref="PendingPeakTime"/>. HA: 1024 (PENDING_MSG_PEAK).</summary>
    [Range(1, 10_000_000)]
    public int PendingPeak { get; set; } = 1024;

    /// <summary>How long the queue may stay over <see cref="PendingPeak"/>. HA: 10 s (PENDING_MSG_PEAK_TIME).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PendingPeakTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between the socket going down and coming back in <c>RestartAsync</c>. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RestartDowntime { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Location name reported by get_config. Default "Home".</summary>
    [Required]
    public string LocationName { get; set; } = "Home";
}
