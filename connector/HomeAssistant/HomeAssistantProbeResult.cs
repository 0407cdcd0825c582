namespace HaIngestor.Connector.HomeAssistant;

/// <summary>The outcome of <see cref="HomeAssistantProbe.CheckAsync(HomeAssistantInstanceOptions, CancellationToken)"/>.</summary>
/// <param name="Home">The instance's name, or null for a single unnamed instance.</param>
/// <param name="Success">True when the token was accepted by both <c>/api/</c> and the WebSocket auth.</param>
/// <param name="Message">What was checked or what failed, for a person to read. Never contains the token.</param>
/// <param name="HaVersion">The Home Assistant version, when the WebSocket auth succeeded.</param>
public sealed record HomeAssistantProbeResult(string? Home, bool Success, string Message, string? HaVersion);
