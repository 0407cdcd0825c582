namespace HaIngestor.Connector.HomeAssistant;

/// <summary>A command got a result with <c>success: false</c>.</summary>
internal sealed class HomeAssistantCommandException(string command, string? code, string? detail)
    : Exception($"Home Assistant refused '{command}': {code} {detail}")
{
    public string? Code { get; } = code;
}
