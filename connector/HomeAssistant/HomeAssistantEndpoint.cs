namespace HaIngestor.Connector.HomeAssistant;

/// <summary>The REST and WebSocket addresses derived from a configured base URL (http/https/ws/wss).</summary>
/// <param name="Api">The REST API root, <c>.../api/</c> (http or https).</param>
/// <param name="WebSocket">The WebSocket endpoint, <c>.../api/websocket</c> (ws or wss).</param>
internal sealed record HomeAssistantEndpoint(Uri Api, Uri WebSocket)
{
    /// <summary>The base path of Home Assistant behind the Supervisor's proxy.</summary>
    public const string SupervisorProxyPath = "/core";

    public static HomeAssistantEndpoint FromUrl(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        var secure = uri.Scheme is "https" or "wss";
        var path = uri.AbsolutePath.TrimEnd('/');

        // Accept a URL that already points at the API or the socket, as users copy either.
        foreach (var suffix in (string[])["/api/websocket", "/api"])
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
                break;
            }
        }

        // The Supervisor's proxy (add-on mode, base http://supervisor/core) serves the REST API at /core/api/ and the
        // WebSocket at /core/websocket, where the add-on's SUPERVISOR_TOKEN is the access token.
        var socketPath = path.Equals(SupervisorProxyPath, StringComparison.OrdinalIgnoreCase) ? path + "/websocket" : path + "/api/websocket";
        var http = new UriBuilder(uri) { Scheme = secure ? "https" : "http", Path = path + "/api/", Query = string.Empty, Fragment = string.Empty };
        var ws = new UriBuilder(uri) { Scheme = secure ? "wss" : "ws", Path = socketPath, Query = string.Empty, Fragment = string.Empty };
        return new HomeAssistantEndpoint(http.Uri, ws.Uri);
    }
}
