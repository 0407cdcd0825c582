using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator;

/// <summary>Settings of the Home Assistant simulator; the defaults mirror Home Assistant's own limits.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Configuration section the simulator binds from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>The long-lived access token of the owner, an admin user. Default "simulator-token".</summary>
    [Required]
    [MinLength(1)]
    public string Token { get; set; } = "simulator-token";

    /// <summary>Further users and their tokens, admin or not (the owner of <see cref="Token"/> is always an admin).</summary>
    [ValidateEnumeratedItems]
    public IList<SimulatorUser> Users { get; set; } = [];

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

    /// <summary>
    /// Version announced in auth_required and auth_ok. Default "2026.11.0". It also picks the shape of version-dependent
    /// answers: before 2026.8 the device registry lists no parent devices and a device's area is its effective one.
    /// </summary>
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

    /// <summary>
    /// How often a WebSocket ping goes to each client. HA: 55 s (aiohttp <c>heartbeat=55</c>). The runtime's WebSocket
    /// sends the pings and times the pongs on the system clock, so these two settings do not follow the simulator's
    /// <see cref="TimeProvider"/>; tests shorten them instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>How long a client has to answer a ping before it is dropped. HA: 27.5 s (half the heartbeat).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(27.5);

    /// <summary>Whether permessage-deflate is accepted when a client offers it. HA (aiohttp <c>compress=True</c>): true.</summary>
    public bool Compression { get; set; } = true;

    /// <summary>
    /// How long the re-announcement after a restart takes: entities come back in ten batches over this time while
    /// clients can already connect, as integrations load one after another in HA. Default 1 s; zero = all at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StartupDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra sensor entities (on devices of their own) for big-home measurements. Default 0.</summary>
    [Range(0, 100_000)]
    public int ExtraEntities { get; set; }

    /// <summary>
    /// Days of recorded history before the simulator started, answered by <c>history/history_during_period</c> and
    /// (hourly) by <c>recorder/statistics_during_period</c>. Default 10, the recorder's own default (purge_keep_days).
    /// </summary>
    [Range(0, 3660)]
    public int HistoryDays { get; set; } = 10;

    /// <summary>Time between two recorded samples of one entity (each entity has its own offset). Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the recorded history ends; default the simulator's start, to the second. Set it for a history that is the same on every run.</summary>
    public DateTimeOffset? HistoryEnd { get; set; }

    /// <summary>Location name reported by get_config. Default "Home".</summary>
    [Required]
    public string LocationName { get; set; } = "Home";

    /// <summary>Temperature/humidity sensors that stop reporting after <see cref="SilenceAfter"/> (a data-quality fault). Default 0.</summary>
    [Range(0, 1000)]
    public int Silence { get; set; }

    /// <summary>Temperature/humidity sensors that turn <c>unavailable</c> for good after <see cref="SilenceAfter"/>. Default 0.</summary>
    [Range(0, 1000)]
    public int Unavailable { get; set; }

    /// <summary>When the <see cref="Silence"/> and <see cref="Unavailable"/> faults start, after the activity starts. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan SilenceAfter { get; set; } = TimeSpan.FromSeconds(30);
}
