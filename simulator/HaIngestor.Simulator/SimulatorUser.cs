using System.ComponentModel.DataAnnotations;

namespace HaIngestor.Simulator;

/// <summary>A Home Assistant user with a long-lived access token, as a person sets one up under Settings, People.</summary>
public sealed class SimulatorUser
{
    /// <summary>The user's name, e.g. "viewer".</summary>
    [Required]
    [MinLength(1)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The user's long-lived access token.</summary>
    [Required]
    [MinLength(1)]
    public string Token { get; set; } = string.Empty;

    /// <summary>
    /// Whether the user is in Home Assistant's admin group. Only admins may subscribe to event types outside
    /// <c>SUBSCRIBE_ALLOWLIST</c> (e.g. <c>call_service</c>, <c>automation_triggered</c>, or all events).
    /// </summary>
    public bool IsAdmin { get; set; }
}
