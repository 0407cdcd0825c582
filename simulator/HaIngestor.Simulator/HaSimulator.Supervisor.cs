using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HaIngestor.Simulator;

/// <summary>
/// The Supervisor's Home Assistant proxy as an add-on sees it (supervisor/api/proxy.py): REST under
/// <c>/core/api/</c> with the add-on's token as bearer (or <c>X-Ha-Access</c>), and the WebSocket at
/// <c>/core/websocket</c> (and <c>/core/api/websocket</c>), where the proxy runs its own auth phase against the
/// add-on's token, then logs in to Home Assistant with its own token and relays frames both ways.
/// </summary>
public sealed partial class HaSimulator
{
    // aiohttp's WebSocketResponse default max_msg_size: a bigger message from the add-on closes with 1009.
    private const int ProxyMaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>http://127.0.0.1:port/core: the base URL an add-on uses (http://supervisor/core) on this simulator.</summary>
    public Uri SupervisorBaseUrl => new($"http://127.0.0.1:{Port}/core");

    /// <summary>The SUPERVISOR_TOKEN the simulated proxy accepts.</summary>
    public string SupervisorToken => _runtime.Options.SupervisorToken;

    private void MapSupervisorProxy(WebApplication app, CancellationToken stopping)
    {
        app.Map("/core/websocket", context => SupervisorWebSocketAsync(context, stopping));
        app.Map("/core/api/websocket", context => SupervisorWebSocketAsync(context, stopping));
        app.MapMethods("/core/api/{**path}", ["GET", "POST"], context => SupervisorApiAsync(context));
    }

    private bool IsSupervisorToken(string? token) =>
        !string.IsNullOrEmpty(token)
        && CryptographicEquals(token, _runtime.Options.SupervisorToken);

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>_check_access: the last word of Authorization, else X-Ha-Access; 401 otherwise; then core's answer as is.</summary>
    private async Task SupervisorApiAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.Length > 0 ? authorization.Split(' ')[^1] : context.Request.Headers["X-Ha-Access"].ToString();
        if (!IsSupervisorToken(token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("401: Unauthorized", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // The proxy calls core with its own token; the add-on's never reaches Home Assistant.
        context.Request.Headers.Authorization = "Bearer " + _runtime.Options.Token;
        context.Request.Headers.Remove("X-Ha-Access");
        var path = context.Request.RouteValues["path"] as string ?? string.Empty;
        switch (path)
        {
            case "" when HttpMethods.IsGet(context.Request.Method):
                await ApiRootAsync(context).ConfigureAwait(false);
                break;
            case "states" when HttpMethods.IsGet(context.Request.Method):
                await ApiStatesAsync(context).ConfigureAwait(false);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task SupervisorWebSocketAsync(HttpContext context, CancellationToken stopping)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var addOn = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
        var version = _runtime.Options.HaVersion;
        await SendJsonAsync(addOn, $$"""{"type": "auth_required", "ha_version": "{{version}}"}""", linked.Token).ConfigureAwait(false);

        // Like core's auth phase: 10 s for the auth message; api_password or access_token holds the add-on's token.
        string? token = null;
        using (var authTimeout = CancellationTokenSource.CreateLinkedTokenSource(linked.Token))
        {
            authTimeout.CancelAfter(_runtime.Options.AuthTimeout);
            try
            {
                var message = await ReceiveTextAsync(addOn, authTimeout.Token).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }

                using var auth = JsonDocument.Parse(message);
                token = ReadToken(auth.RootElement, "api_password") ?? ReadToken(auth.RootElement, "access_token");
            }
            catch (OperationCanceledException) when (!linked.IsCancellationRequested)
            {
                await CloseQuietlyAsync(addOn, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return;
            }
            catch (JsonException)
            {
                await CloseQuietlyAsync(addOn, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return;
            }
        }

        if (!IsSupervisorToken(token))
        {
            Log.SupervisorUnauthorized(_runtime.Logger);
            await SendJsonAsync(addOn, """{"type": "auth_invalid", "message": "Invalid access"}""", linked.Token).ConfigureAwait(false);
            await CloseQuietlyAsync(addOn, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
            return;
        }

        await SendJsonAsync(addOn, $$"""{"type": "auth_ok", "ha_version": "{{version}}"}""", linked.Token).ConfigureAwait(false);
        using var core = new ClientWebSocket();
        try
        {
            await core.ConnectAsync(WebSocketUrl, linked.Token).ConfigureAwait(false);
            var required = await ReceiveTextAsync(core, linked.Token).ConfigureAwait(false);
            await SendJsonAsync(core, HaJsonAuth(_runtime.Options.Token), linked.Token).ConfigureAwait(false);
            var answer = await ReceiveTextAsync(core, linked.Token).ConfigureAwait(false);
            if (required is null || answer is null || !answer.Contains("\"auth_ok\"", StringComparison.Ordinal))
            {
                Log.SupervisorCoreUnavailable(_runtime.Logger, answer ?? "closed");
                await CloseQuietlyAsync(addOn, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
        {
            Log.SupervisorCoreUnavailable(_runtime.Logger, ex.GetType().Name);
            await CloseQuietlyAsync(addOn, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
            return;
        }

        using var relay = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var up = RelayAsync(addOn, core, ProxyMaxMessageBytes, relay.Token);
        var down = RelayAsync(core, addOn, int.MaxValue, relay.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await relay.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quiet(up), Quiet(down)).ConfigureAwait(false);
        await CloseQuietlyAsync(core, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
        await CloseQuietlyAsync(addOn, addOn.CloseStatus ?? core.CloseStatus ?? WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
    }

    private static string HaJsonAuth(string token) =>
        "{\"type\": \"auth\", \"access_token\": \"" + JsonEncodedText.Encode(token) + "\"}";

    private static string? ReadToken(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>_proxy_message: every text and binary frame as it came, until either side closes.</summary>
    private static async Task RelayAsync(WebSocket source, WebSocket target, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var messageBytes = 0L;
        while (source.State == WebSocketState.Open && target.State == WebSocketState.Open)
        {
            var result = await source.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(target, result.CloseStatus ?? WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return;
            }

            messageBytes += result.Count;
            if (messageBytes > maxMessageBytes)
            {
                await CloseQuietlyAsync(source, WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
                await CloseQuietlyAsync(target, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return;
            }

            await target.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
            if (result.EndOfMessage)
            {
                messageBytes = 0;
            }
        }
    }

    private static async Task<string?> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private static Task SendJsonAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side is gone already.
        }
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A side went away: the relay ends either way.
        }
    }
}
