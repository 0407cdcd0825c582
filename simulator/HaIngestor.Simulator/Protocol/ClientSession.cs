using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HaIngestor.Simulator.Home;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator.Protocol;

/// <summary>
/// One WebSocket connection, run the way HA's <c>WebSocketHandler</c> runs it: auth phase with a deadline, then a
/// command phase whose replies and events go through a bounded outgoing queue drained by a writer that coalesces.
/// </summary>
internal sealed partial class ClientSession : IEventListener
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    // aiohttp's WebSocketResponse(timeout=10.0): how long close() waits for the client's side of the handshake.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly SimulatorRuntime _runtime;
    private readonly CancellationTokenSource _abort;
    private readonly OutgoingQueue _queue;
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(64 * 1024);
    private readonly List<PublishedEvent> _sentSources = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<string> _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _coalesce;
    private volatile bool _commandPhase;
    private volatile bool _abortedHere; // by a fault knob, a stop or a failed close, not by the heartbeat
    private AuthenticatedUser? _user;
    private long _sendStarted; // Stopwatch timestamp of the send in progress; 0 while the writer is not sending.

    public ClientSession(WebSocket socket, SimulatorRuntime runtime, CancellationToken serverStopping)
    {
        _socket = socket;
        _runtime = runtime;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        Id = runtime.NextConnectionId();
        var options = runtime.Options;
        _queue = new OutgoingQueue(options.PendingLimit, options.PendingPeak, options.PendingPeakTime, runtime.Time, OnOverflow);
    }

    public long Id { get; }

    /// <summary>Messages queued and not yet taken by the writer.</summary>
    public int QueuedMessages => _queue.Count;

    /// <summary>
    /// True unless the writer has been stuck in one send for <paramref name="window"/>: a client that stopped reading
    /// leaves it blocked there, and bursts stop waiting for it (so it overflows and is cut off, as in HA).
    /// </summary>
    public bool IsReading(TimeSpan window)
    {
        var started = Interlocked.Read(ref _sendStarted);
        return started == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(started) < window;
    }

    /// <summary>Completes when the connection is over, however it ended.</summary>
    public Task Completion => _completed.Task;

    private SimulatedHome Home => _runtime.Home;

    public async Task RunAsync()
    {
        _runtime.Counters.Connected();
        _runtime.Sessions[Id] = this;
        var heartbeatTimedOut = false;
        try
        {
            await RunCoreAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsHeartbeatTimeout(ex) && !_abortedHere)
        {
            // aiohttp's heartbeat: no pong within half the interval, and the transport is closed without a close frame.
            heartbeatTimedOut = true;
            _runtime.Counters.HeartbeatTimedOut();
            Log.HeartbeatTimedOut(_runtime.Logger, Id, _runtime.Options.HeartbeatTimeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket was aborted (fault knob, shutdown) or the client vanished: nothing to tell it.
        }
#pragma warning disable CA1031 // One broken connection must not take the server down; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UnexpectedError(_runtime.Logger, Id, ex);
        }
        finally
        {
            // Ended here (a cut-off, a fault knob, a stop, a revoked token, a missed heartbeat) or by the client.
            _runtime.EventLog?.Ended(Id, byServer: _abortedHere || _closing.Task.IsCompleted || heartbeatTimedOut);
            Home.RemoveListener(this);
            _runtime.Sessions.TryRemove(Id, out _);
            _queue.Dispose();
            _abort.Dispose();
            _completed.TrySetResult();
        }
    }

    /// <summary>
    /// Ends the connection as HA's <c>_cancel</c> does (a cut-off, or HA stopping): what is still queued is dropped,
    /// the message being written is finished, and the socket is closed with 1000. Before auth it is just dropped.
    /// Safe to call under the home's lock: it only signals.
    /// </summary>
    public void BeginClose(string reason)
    {
        if (!_commandPhase)
        {
            Abort();
            return;
        }

        _closing.TrySetResult(reason);
    }

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public void Abort()
    {
        _abortedHere = true;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        _socket.Abort();
    }

    /// <summary>Queues a text frame that is not JSON, sent on its own.</summary>
    public void SendMalformed() => _queue.Enqueue(OutgoingMessage.Of("{\"id\": 1, \"type\": \"event\", this is not JSON") with { Raw = true });

    public void OnEvent(PublishedEvent published)
    {
        foreach (var sub in _subscriptionList)
        {
            if (sub.Entities)
            {
                if (published.EntityUpdateJson is { } update &&
                    (sub.EntityIds is null || (published.EntityId is { } id && sub.EntityIds.Contains(id))))
                {
                    _queue.Enqueue(new OutgoingMessage(update, sub.Id));
                }
            }
            else if (sub.EventType == "*" || string.Equals(sub.EventType, published.Event.EventType, StringComparison.Ordinal))
            {
                _queue.Enqueue(new OutgoingMessage(published.EventJson, sub.Id) { Source = published });
            }
        }
    }

    /// <summary>Writes a message; an event is wrapped in its subscription's envelope here, so the event JSON is shared.</summary>
    private void Append(in OutgoingMessage message)
    {
        if (message.Source is { } source)
        {
            _sentSources.Add(source);
        }

        if (!message.IsEvent)
        {
            _sendBuffer.Write(message.Utf8);
            return;
        }

        if (message.IdFirst)
        {
            _sendBuffer.Write("{\"id\":"u8);
            WriteSubscriptionId(message.Subscription);
            _sendBuffer.Write(",\"type\":\"event\",\"event\":"u8);
            _sendBuffer.Write(message.Utf8);
            _sendBuffer.Write("}"u8);
            return;
        }

        // HA's cached_event_message: the event serialized once without its id, then ',"id":N}' appended.
        _sendBuffer.Write("{\"type\":\"event\",\"event\":"u8);
        _sendBuffer.Write(message.Utf8);
        _sendBuffer.Write(",\"id\":"u8);
        WriteSubscriptionId(message.Subscription);
        _sendBuffer.Write("}"u8);
    }

    private void WriteSubscriptionId(int subscription)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(subscription, _sendBuffer.GetSpan(11), out var written);
        _sendBuffer.Advance(written);
    }

    private async Task RunCoreAsync()
    {
        var ct = _abort.Token;
        var options = _runtime.Options;
        await SendDirectAsync(HaJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "auth_required");
            w.WriteString("ha_version", options.HaVersion);
            w.WriteEndObject();
        }), ct).ConfigureAwait(false);

        var receive = ReceiveAsync(ct);
        using var deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = Task.Delay(options.AuthTimeout, _runtime.Time, deadlineCts.Token);
        if (await Task.WhenAny(receive, deadline).ConfigureAwait(false) == deadline)
        {
            await deadline.ConfigureAwait(false);
            Log.AuthTimedOut(_runtime.Logger, Id, options.AuthTimeout);
            _ = receive.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await CloseAsync(WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
            return;
        }

        await deadlineCts.CancelAsync().ConfigureAwait(false);

        var (kind, text) = await receive.ConfigureAwait(false);
        if (kind != WebSocketMessageType.Text || !await AuthenticateAsync(text!, ct).ConfigureAwait(false))
        {
            await CloseAsync(WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
            return;
        }

        _commandPhase = true;
        Home.AddListener(this);
        var writer = WriteLoopAsync(ct);
        var read = ReadLoopAsync(ct);
        Task finished;
        try
        {
            finished = await Task.WhenAny((Task)read, _closing.Task).ConfigureAwait(false);
        }
        finally
        {
            Home.RemoveListener(this);
            _queue.Complete();
        }

        if (finished == read)
        {
            // The client closed or misbehaved. Like HA: whatever is queued (error replies included) is written first.
            var reason = await read.ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            if (reason is not null)
            {
                Log.Disconnected(_runtime.Logger, Id, reason);
            }

            await CloseAsync(WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
            return;
        }

        // Cut off or stopping: the writer drops the rest; a client that stopped reading gets no close frame, only the
        // end of the connection, once the close handshake has had aiohttp's 10 s.
        var closeBy = TimeProvider.System.GetUtcNow() + CloseTimeout;
        if (await Bounded(writer, closeBy).ConfigureAwait(false))
        {
            await Bounded(CloseAsync(WebSocketCloseStatus.NormalClosure), closeBy).ConfigureAwait(false);
        }

        if (!await Bounded(read, closeBy).ConfigureAwait(false))
        {
            Abort();
        }

        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Waits for <paramref name="task"/> until <paramref name="deadline"/> (system clock); true when it ended in time.</summary>
    private static async Task<bool> Bounded(Task task, DateTimeOffset deadline)
    {
        var left = deadline - TimeProvider.System.GetUtcNow();
        try
        {
            await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Ended, by failing: the client is gone.
        }

        return true;
    }

    /// <summary>
    /// True for the failure the runtime's WebSocket causes when a keep-alive ping got no pong in time: it aborts the
    /// connection itself (Kestrel reports that as aborted by the application), or reports a timeout.
    /// </summary>
    private static bool IsHeartbeatTimeout(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> AuthenticateAsync(string text, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            Log.Disconnected(_runtime.Logger, Id, "Received invalid JSON.");
            return false;
        }

        using (doc)
        {
            var formatError = AuthFormatError(doc.RootElement);
            if (formatError is not null)
            {
                _runtime.Counters.AuthInvalid();
                Log.AuthRejected(_runtime.Logger, Id, "incorrectly formatted");
                await SendDirectAsync(AuthInvalid("Auth message incorrectly formatted: " + formatError), ct).ConfigureAwait(false);
                return false;
            }

            var token = doc.RootElement.TryGetProperty("access_token", out var t) ? t.GetString() : null;
            _user = _runtime.ResolveUser(token);
            if (_user is null)
            {
                _runtime.Counters.AuthInvalid();
                Log.AuthRejected(_runtime.Logger, Id, "invalid access token");
                await SendDirectAsync(AuthInvalid("Invalid access token or password"), ct).ConfigureAwait(false);
                return false;
            }
        }

        _runtime.Counters.AuthOk();
        await SendDirectAsync(HaJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "auth_ok");
            w.WriteString("ha_version", _runtime.Options.HaVersion);
            w.WriteEndObject();
        }), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>HA's AUTH_MESSAGE_SCHEMA: type "auth", and access_token or api_password (strings), nothing else.</summary>
    private static string? AuthFormatError(JsonElement msg)
    {
        if (msg.ValueKind != JsonValueKind.Object)
        {
            return "expected a dictionary. Got " + msg.GetRawText();
        }

        foreach (var property in msg.EnumerateObject())
        {
            if (property.Name is not ("type" or "access_token" or "api_password"))
            {
                return $"extra keys not allowed @ data['{property.Name}']. Got {property.Value.GetRawText()}";
            }

            if (property.Name is "access_token" or "api_password" && property.Value.ValueKind != JsonValueKind.String)
            {
                return $"expected str for dictionary value @ data['{property.Name}']. Got {property.Value.GetRawText()}";
            }
        }

        if (!msg.TryGetProperty("type", out var type))
        {
            return "required key not provided @ data['type']. Got None";
        }

        if (type.ValueKind != JsonValueKind.String || type.GetString() != "auth")
        {
            return $"value must be one of ['auth'] for dictionary value @ data['type']. Got {type.GetRawText()}";
        }

        if (msg.TryGetProperty("access_token", out _) && msg.TryGetProperty("api_password", out _))
        {
            return "two or more values in the same group of exclusion 'auth' @ data[<auth>]";
        }

        return null;
    }

    private static string AuthInvalid(string message) => HaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "auth_invalid");
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Reads commands until the client closes or misbehaves; returns why HA would log the disconnect.</summary>
    private async Task<string?> ReadLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            var (kind, text) = await ReceiveAsync(ct).ConfigureAwait(false);
            if (kind == WebSocketMessageType.Close)
            {
                return null;
            }

            if (kind != WebSocketMessageType.Text)
            {
                return "Received non-Text message.";
            }

            await _runtime.Stall.WaitAsync(ct).ConfigureAwait(false);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text!);
            }
            catch (JsonException)
            {
                return "Received invalid JSON.";
            }

            using (doc)
            {
                lock (Home.Gate)
                {
                    if (doc.RootElement.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in doc.RootElement.EnumerateArray())
                        {
                            Handle(item);
                        }
                    }
                    else
                    {
                        Handle(doc.RootElement);
                    }
                }
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        while (await _queue.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            await _runtime.Stall.WaitAsync(ct).ConfigureAwait(false);
            if (_closing.Task.IsCompleted)
            {
                // HA cancels the writer: nothing queued is sent any more.
                while (_queue.TryRead(out _))
                {
                }

                return;
            }

            if (!_queue.TryRead(out var first))
            {
                continue;
            }

            _sendBuffer.ResetWrittenCount();
            _sentSources.Clear();
            var messages = 1;
            var events = first.IsEvent ? 1 : 0;
            if (first.Raw || !_coalesce || !_queue.TryPeek(out var peeked) || peeked.Raw)
            {
                Append(first);
            }
            else
            {
                // HA's writer: everything queued behind the first message goes out as one JSON array.
                _sendBuffer.Write("["u8);
                Append(first);
                while (_queue.TryPeek(out var next) && !next.Raw && _queue.TryRead(out next))
                {
                    _sendBuffer.Write(","u8);
                    Append(next);
                    messages++;
                    events += next.IsEvent ? 1 : 0;
                }

                _sendBuffer.Write("]"u8);
            }

            Interlocked.Exchange(ref _sendStarted, System.Diagnostics.Stopwatch.GetTimestamp());
            await SendBufferAsync(_sendBuffer.WrittenMemory, ct).ConfigureAwait(false);
            Interlocked.Exchange(ref _sendStarted, 0);
            _runtime.Counters.Sent(messages, events);
            _runtime.EventLog?.Sent(Id, _sentSources);
        }
    }

    private async Task SendDirectAsync(string json, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await SendBufferAsync(bytes, ct).ConfigureAwait(false);
        _runtime.Counters.Sent(1, 0);
    }

    private async Task SendBufferAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<(WebSocketMessageType Kind, string? Text)> ReceiveAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxMessageBytes)
                    {
                        return (WebSocketMessageType.Binary, null);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (WebSocketMessageType.Close, null);
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return result.MessageType == WebSocketMessageType.Text
                        ? (WebSocketMessageType.Text, Encoding.UTF8.GetString(buffer, 0, length))
                        : (WebSocketMessageType.Binary, null);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(status, string.Empty, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is already gone.
        }
    }

    private void OnOverflow(bool hard)
    {
        if (hard)
        {
            Log.PendingLimitExceeded(_runtime.Logger, Id, _runtime.Options.PendingLimit);
        }
        else
        {
            Log.PendingPeakExceeded(_runtime.Logger, Id, _runtime.Options.PendingPeak, _runtime.Options.PendingPeakTime);
        }

        _runtime.Counters.CutOff();
        BeginClose("cut off");
    }
}
