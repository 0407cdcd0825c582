namespace HaIngestor.Connector.HomeAssistant;

/// <summary>The connection ended or was found dead (closed by the server, no pong, socket error).</summary>
internal sealed class HomeAssistantConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);
