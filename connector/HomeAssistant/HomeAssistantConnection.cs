using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text.Json;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// One WebSocket session with Home Assistant: the auth phase, a receive loop that never waits on downstream work,
/// serialized sends with strictly increasing ids, and replies matched to their commands by id.
/// </summary>
internal sealed class HomeAssistantConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(512);
    private readonly FrameBuffer _frame = new();
    private readonly List<HaMessage> _messages = [];
    private long _lastId;
    private volatile Exception? _closedBy;

    private HomeAssistantConnection(ClientWebSocket socket) => _socket = socket;

    /// <summary>True when the server accepted permessage-deflate.</summary>
    public bool IsCompressed => _socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true &&
                                values.Any(v => v.Contains("permessage-deflate", StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens the WebSocket; with <paramref name="compression"/> it offers permessage-deflate (used when the server accepts).</summary>
    public static async Task<HomeAssistantConnection> ConnectAsync(
        Uri webSocketUri, RemoteCertificateValidationCallback? certificateValidator, CancellationToken cancellationToken, bool compression = true)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.SetBuffer(64 * 1024, 16 * 1024);
            socket.Options.CollectHttpResponseDetails = true;
            if (compression)
            {
                // aiohttp's defaults on the other side: 15-bit windows, context kept between messages.
                socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
            }

            if (certificateValidator is not null)
            {
                socket.Options.RemoteCertificateValidationCallback = certificateValidator;
            }

            await socket.ConnectAsync(webSocketUri, cancellationToken).ConfigureAwait(false);
            return new HomeAssistantConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs the auth phase; returns the Home Assistant version. Throws <see cref="HomeAssistantAuthException"/> on <c>auth_invalid</c>.</summary>
    public async Task<string?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var first = await ReceiveSingleAsync(cancellationToken).ConfigureAwait(false);
        if (first.Type != HaMessageType.AuthRequired)
        {
            throw new HomeAssistantConnectionLostException($"Expected auth_required, got '{first.Type}'.");
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _sendBuffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_sendBuffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "auth"u8);
                writer.WriteString("access_token"u8, token);
                writer.WriteEndObject();
            }

            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        var reply = await ReceiveSingleAsync(cancellationToken).ConfigureAwait(false);
        return reply.Type switch
        {
            HaMessageType.AuthOk => reply.ReadString("ha_version"),
            HaMessageType.AuthInvalid => throw new HomeAssistantAuthException(
                $"Home Assistant rejected the access token (auth_invalid: {reply.ReadString("message") ?? "no message"})."),
            _ => throw new HomeAssistantConnectionLostException($"Expected auth_ok or auth_invalid, got '{reply.Type}'."),
        };
    }

    /// <summary>
    /// Reads frames until the server closes the socket (returns) or the socket fails (throws). Events go to
    /// <paramref name="handler"/> synchronously; replies complete their command's task without running its continuation here.
    /// </summary>
    public async Task RunReceiveLoopAsync(IHomeAssistantMessageHandler handler, CancellationToken cancellationToken)
    {
        try
        {
            while (await ReceiveFrameAsync(cancellationToken).ConfigureAwait(false))
            {
                _messages.Clear();
                if (!HaFrameReader.TryRead(_frame.Written, _messages, out var error))
                {
                    handler.OnMalformed(error ?? "unreadable frame");
                    continue;
                }

                foreach (var message in _messages)
                {
                    switch (message.Type)
                    {
                        case HaMessageType.Event:
                            handler.OnEvent(message);
                            break;
                        case HaMessageType.Result:
                        case HaMessageType.Pong:
                            if (_pending.TryRemove(message.Id, out var reply))
                            {
                                // The copy is what lets the frame buffer be reused at once.
                                reply.TrySetResult(message.Json.ToArray());
                            }

                            break;
                        default:
                            handler.OnMalformed($"unexpected message type '{message.Type}'");
                            break;
                    }
                }
            }

            Close(new HomeAssistantConnectionLostException("Home Assistant closed the connection."));
        }
        catch (Exception ex)
        {
            Close(ex is HomeAssistantConnectionLostException or OperationCanceledException
                ? ex
                : new HomeAssistantConnectionLostException($"Receiving failed: {ex.Message}", ex));
            throw;
        }
    }

    /// <summary>Sends a command with the next id and waits for its reply (failed when the connection ends).</summary>
    public async Task<CommandReply> SendCommandAsync(string type, Action<Utf8JsonWriter>? writeFields, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id = 0;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Id and send under one lock: HA rejects ids that do not increase on the wire.
            id = ++_lastId;
            _pending[id] = reply;
            if (_closedBy is { } closedBy)
            {
                throw new HomeAssistantConnectionLostException("The connection is closed.", closedBy);
            }

            _sendBuffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_sendBuffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("id"u8, id);
                writer.WriteString("type"u8, type);
                writeFields?.Invoke(writer);
                writer.WriteEndObject();
            }

            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _sendLock.Release();
        }

        var message = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return CommandReply.Parse(message);
    }

    /// <summary>Ends the session: pending commands fail, the socket is aborted.</summary>
    public void Close(Exception reason)
    {
        _closedBy ??= reason;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(new HomeAssistantConnectionLostException("The connection ended before the reply.", reason));
            }
        }

        if (_socket.State is not WebSocketState.Closed and not WebSocketState.Aborted)
        {
            _socket.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(HomeAssistantConnection)));
        _socket.Dispose();
        _frame.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<AuthPhaseMessage> ReceiveSingleAsync(CancellationToken cancellationToken)
    {
        if (!await ReceiveFrameAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new HomeAssistantConnectionLostException("Home Assistant closed the connection during the auth phase.");
        }

        _messages.Clear();
        if (!HaFrameReader.TryRead(_frame.Written, _messages, out var error) || _messages.Count == 0)
        {
            throw new HomeAssistantConnectionLostException($"Unreadable auth phase message: {error}");
        }

        return new AuthPhaseMessage(_messages[0].Type, _messages[0].Json.ToArray());
    }

    /// <summary>Collects one whole frame into <see cref="_frame"/>; false when the server closed the socket.</summary>
    private async ValueTask<bool> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        _frame.Reset();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_frame.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            _frame.Advance(result.Count);
        }
        while (!result.EndOfMessage);

        return true;
    }

    private readonly record struct AuthPhaseMessage(HaMessageType Type, byte[] Json)
    {
        public string? ReadString(string name)
        {
            using var document = JsonDocument.Parse(Json);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
    }
}
