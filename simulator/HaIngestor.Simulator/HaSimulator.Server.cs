using System.Net;
using HaIngestor.Simulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>The Kestrel side: binding, the REST check endpoint and the WebSocket endpoint.</summary>
public sealed partial class HaSimulator
{
    // How long a stop waits for the close handshakes before dropping whoever is left.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private WebApplication? _server;
    private CancellationTokenSource? _serverStopping;

    private async Task StartServerAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HaSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // Many simulators may run in one test process: no config file watchers.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        app.UseWebSockets();
        app.MapGet("/api/", context => ApiRootAsync(context));
        app.MapGet("/api/states", context => ApiStatesAsync(context));
        app.Map("/api/websocket", context => WebSocketAsync(context, stopping.Token));
        MapSupervisorProxy(app, stopping.Token);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Port = new Uri(address).Port;
        _serverStopping = stopping;
        _server = app;
    }

    private async Task StopServerAsync()
    {
        var app = _server;
        var stopping = _serverStopping;
        _server = null;
        _serverStopping = null;
        if (app is null)
        {
            return;
        }

        // HA stopping cancels every connection, and each one closes with 1000; whoever has not finished the close
        // handshake in time is dropped.
        var sessions = _runtime.Sessions.Values.ToList();
        foreach (var session in sessions)
        {
            session.BeginClose("Home Assistant is stopping");
        }

        await Task.WhenAll(sessions.Select(s => s.Completion)).WaitAsync(StopGrace).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await stopping!.CancelAsync().ConfigureAwait(false);
        foreach (var session in _runtime.Sessions.Values)
        {
            session.Abort();
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task ApiRootAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"message\":\"API running.\"}", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ApiStatesAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var states = _runtime.Home.Snapshot();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(HaJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var state in states)
            {
                HaJson.WriteState(w, state);
            }

            w.WriteEndArray();
        }), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>HA's REST auth: a bearer token, else 401 with aiohttp's plain-text body.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        var token = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
        if (_runtime.IsValidToken(token))
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("401: Unauthorized", context.RequestAborted).ConfigureAwait(false);
        return false;
    }

    private async Task WebSocketAsync(HttpContext context, CancellationToken stopping)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // aiohttp's WebSocketResponse(heartbeat=55) as HA creates it: compress=True accepts permessage-deflate when the
        // client offers it; a ping every heartbeat, and no pong within half of it drops the client.
        var options = _runtime.Options;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = options.Compression,
            KeepAliveInterval = options.HeartbeatInterval,
            KeepAliveTimeout = options.HeartbeatTimeout,
        }).ConfigureAwait(false);
        var session = new ClientSession(socket, _runtime, stopping);
        await session.RunAsync().ConfigureAwait(false);
    }
}
