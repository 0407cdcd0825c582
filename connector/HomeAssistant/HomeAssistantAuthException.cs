namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Home Assistant rejected the token (401 from <c>/api/</c> or <c>auth_invalid</c>). Never carries the token.</summary>
internal sealed class HomeAssistantAuthException(string message) : Exception(message);
