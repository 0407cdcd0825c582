namespace HaIngestor.Connector.HomeAssistant;

/// <summary>The outcome of <see cref="HomeAssistantProbe.CheckAsync(HomeAssistantInstanceOptions, CancellationToken)"/>.</summary>
/// <param name="Home">The instance's name, or null for a single unnamed instance.</param>
/// <param name="Success">True when the token was accepted by both <c>/api/</c> and the WebSocket auth.</param>
/// <param name="Message">What was checked or what failed, for a person to read. Never contains the token.</param>
/// <param name="HaVersion">The Home Assistant version, when the WebSocket auth succeeded.</param>
public sealed record HomeAssistantProbeResult(string? Home, bool Success, string Message, string? HaVersion)
{
    /// <summary>The event types Home Assistant let the token subscribe to.</summary>
    public IReadOnlyList<string> SubscribedEventTypes { get; init; } = [];

    /// <summary>Configured event types refused as <c>unauthorized</c> (the token's user is not an admin).</summary>
    public IReadOnlyList<string> RefusedEventTypes { get; init; } = [];

    /// <summary>For a person: what was refused, why, and what to do; null when every configured type was accepted.</summary>
    public string? SubscriptionProblem { get; init; }
}
