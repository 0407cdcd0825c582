namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Where a Home Assistant client is in its connection life cycle.</summary>
public enum HomeAssistantConnectionState
{
    /// <summary>First connection attempt (token check, WebSocket connect).</summary>
    Connecting,

    /// <summary>WebSocket open, auth handshake in progress.</summary>
    Authenticating,

    /// <summary>Authenticated and subscribed.</summary>
    Connected,

    /// <summary>The connection was lost; waiting for or attempting the next connection.</summary>
    Reconnecting,

    /// <summary>The token was rejected; the next attempt waits for <see cref="HomeAssistantOptions.AuthFailureRetryDelay"/>.</summary>
    AuthFailed,

    /// <summary>The client has stopped.</summary>
    Stopped,
}
