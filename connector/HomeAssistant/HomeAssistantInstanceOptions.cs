namespace HaIngestor.Connector.HomeAssistant;

/// <summary>One Home Assistant instance: its <c>home</c> name, base URL and token.</summary>
public sealed class HomeAssistantInstanceOptions
{
    /// <summary>The instance's name, written as the <c>home</c> tag; required when there are several instances.</summary>
    public string? Name { get; set; }

    /// <summary>Base URL (http, https, ws or wss).</summary>
    public string? Url { get; set; }

    /// <summary>Long-lived access token; falls back to <see cref="HomeAssistantOptions.Token"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Shows the name and URL only: the token must never reach a log line.</summary>
    public override string ToString() => $"{Name ?? "(default)"} {Url}";

    internal static bool IsValidUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "ws" or "wss"
        && !string.IsNullOrEmpty(uri.Host);
}
