using System.Text.Json;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>A command's reply (<c>result</c> or <c>pong</c>), parsed off the receive loop from a copy of the message.</summary>
internal sealed class CommandReply : IDisposable
{
    private readonly JsonDocument _document;

    private CommandReply(JsonDocument document)
    {
        _document = document;
        var root = document.RootElement;
        Id = root.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : 0;
        Success = !root.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.False;
        Result = root.TryGetProperty("result", out var result) ? result : default;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            ErrorCode = error.TryGetProperty("code", out var code) ? code.ToString() : null;
            ErrorMessage = error.TryGetProperty("message", out var message) ? message.ToString() : null;
        }
    }

    public long Id { get; }

    public bool Success { get; }

    /// <summary>The <c>result</c> member; <c>default</c> (Undefined) when absent.</summary>
    public JsonElement Result { get; }

    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    public static CommandReply Parse(byte[] message) => new(JsonDocument.Parse(message));

    public CommandReply EnsureSuccess(string command)
    {
        if (!Success)
        {
            var exception = new HomeAssistantCommandException(command, ErrorCode, ErrorMessage);
            Dispose();
            throw exception;
        }

        return this;
    }

    public void Dispose() => _document.Dispose();
}
