using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaIngestor.Simulator.Tests;

/// <summary>A bare WebSocket client speaking HA's protocol by hand, so the tests see exactly what goes over the wire.</summary>
internal sealed class HaTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly Queue<JsonElement> _pending = new();
    private int _nextId = 1;

    /// <summary>Every text frame received so far, raw (to tell coalesced arrays from single objects).</summary>
    public List<string> Frames { get; } = [];

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The response headers of the upgrade (to see what was negotiated).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>>? ResponseHeaders => _socket.HttpResponseHeaders;

    public static Task<HaTestClient> ConnectAsync(HaSimulator simulator) => ConnectAsync(simulator.WebSocketUrl);

    /// <summary>Connects to <paramref name="url"/> (the simulator or a relay in front of it), with options set by <paramref name="configure"/>.</summary>
    public static async Task<HaTestClient> ConnectAsync(Uri url, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new HaTestClient();
        client._socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(client._socket.Options);
        using var cts = new CancellationTokenSource(Timeout);
        await client._socket.ConnectAsync(url, cts.Token);
        return client;
    }

    /// <summary>Connects, expects auth_required, sends the token and expects auth_ok.</summary>
    public static Task<HaTestClient> ConnectAuthenticatedAsync(HaSimulator simulator, bool coalesce = false) =>
        ConnectAuthenticatedAsync(simulator, simulator.Token, coalesce);

    /// <summary>As <see cref="ConnectAuthenticatedAsync(HaSimulator, bool)"/> with another user's token, URL or socket options.</summary>
    public static async Task<HaTestClient> ConnectAuthenticatedAsync(
        HaSimulator simulator, string token, bool coalesce = false, Uri? url = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = await ConnectAsync(url ?? simulator.WebSocketUrl, configure);
        var required = await client.ReceiveAsync();
        Assert.Equal("auth_required", required.GetProperty("type").GetString());
        await client.SendRawAsync($$"""{"type":"auth","access_token":"{{token}}"}""");
        var ok = await client.ReceiveAsync();
        Assert.Equal("auth_ok", ok.GetProperty("type").GetString());
        if (coalesce)
        {
            var id = await client.SendCommandAsync("""{"type":"supported_features","features":{"coalesce_messages":1}}""");
            await client.ReceiveResultAsync(id);
        }

        return client;
    }

    public int NextId() => _nextId++;

    /// <summary>Sends a command, filling in the next id; returns the id.</summary>
    public async Task<int> SendCommandAsync(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var id = NextId();
        node["id"] = id;
        await SendRawAsync(node.ToJsonString());
        return id;
    }

    public async Task SendRawAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next message; a coalesced frame is split into its messages.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        while (_pending.Count == 0)
        {
            var frame = await ReceiveFrameAsync() ?? throw new InvalidOperationException($"Connection closed ({_socket.CloseStatus}).");
            using var doc = JsonDocument.Parse(frame);
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    _pending.Enqueue(item.Clone());
                }
            }
            else
            {
                _pending.Enqueue(doc.RootElement.Clone());
            }
        }

        return _pending.Dequeue();
    }

    /// <summary>Skips messages until one matches.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (match(message))
            {
                return message;
            }
        }
    }

    public Task<JsonElement> ReceiveResultAsync(int id) =>
        ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "result" && m.GetProperty("id").GetInt32() == id);

    public Task<JsonElement> ReceiveEventAsync(int subscriptionId, string? eventType = null) =>
        ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "event" && m.GetProperty("id").GetInt32() == subscriptionId &&
                               (eventType is null || m.GetProperty("event").GetProperty("event_type").GetString() == eventType));

    /// <summary>One raw text frame, or null when the server closed or dropped the connection.</summary>
    public async Task<string?> ReceiveFrameAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var stream = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                stream.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var text = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
                    Frames.Add(text);
                    return text;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server ends the connection; true when it did so within the timeout.</summary>
    public async Task<bool> WaitForCloseAsync()
    {
        while (true)
        {
            if (await ReceiveFrameAsync() is null)
            {
                return true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server may already be gone.
            }
        }

        _socket.Dispose();
    }
}
