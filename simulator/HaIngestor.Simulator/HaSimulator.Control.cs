using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>
/// The control surface, for a simulator running as its own process (<c>connector simulate --control-port</c>): the
/// per-entity log of what was fired and sent, and the fault knobs, over plain HTTP on a loopback port of its own
/// (a restart takes the Home Assistant port down; the control port stays).
/// </summary>
public sealed partial class HaSimulator
{
    private WebApplication? _control;
    private volatile bool _activityPaused;

    /// <summary>Starts the control surface on 127.0.0.1:<paramref name="port"/> (0: any free port) and returns the port.</summary>
    /// <remarks>
    /// <c>GET /events</c> per entity the fired and sent <c>state_changed</c> timestamps (µs since the epoch), and per
    /// connection what was sent on it, frame by frame, and who ended it;
    /// <c>POST /restart?reannounce=true</c>, <c>/down</c>, <c>/up</c>, <c>/revoke</c> (tokens invalid, connections
    /// closed), <c>/accept</c> (tokens valid again), <c>/drop</c>, <c>/stall?ms=N</c>, <c>/resume</c>,
    /// <c>/activity?on=false</c> (pause the background activity), <c>/burst?count=N</c> (and <c>&amp;dropAt=M</c>: every
    /// connection dropped once M of them are fired, as a network cut in the middle of a burst).
    /// </remarks>
    public async Task<int> StartControlAsync(int port, CancellationToken cancellationToken = default)
    {
        if (_control is not null)
        {
            throw new InvalidOperationException("The control surface is already running.");
        }

        var log = new SentEventLog();
        _runtime.EventLog = log;
        _runtime.Home.AddListener(log);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HaSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.MapGet("/events", () => Results.Bytes(log.ToJson(), "application/json"));
        app.MapPost("/restart", async (bool? reannounce, CancellationToken ct) =>
        {
            await RestartAsync(reannounce ?? true, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        app.MapPost("/down", async (CancellationToken ct) =>
        {
            await GoDownAsync(ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        app.MapPost("/up", async (bool? reannounce, CancellationToken ct) =>
        {
            await ComeBackAsync(reannounce ?? true, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        app.MapPost("/revoke", () =>
        {
            RevokeTokens();
            return Results.NoContent();
        });
        app.MapPost("/accept", () =>
        {
            RejectTokens(false);
            return Results.NoContent();
        });
        app.MapPost("/drop", () => Results.Text(DropConnections().ToString(CultureInfo.InvariantCulture)));
        app.MapPost("/stall", (int ms) =>
        {
            Stall(TimeSpan.FromMilliseconds(ms));
            return Results.NoContent();
        });
        app.MapPost("/resume", () =>
        {
            ResumeFromStall();
            return Results.NoContent();
        });
        app.MapPost("/activity", (bool on) =>
        {
            _activityPaused = !on;
            return Results.NoContent();
        });
        app.MapPost("/burst", async (long count, long? dropAt, CancellationToken ct) =>
        {
            var fired = 0L;
            if (dropAt is { } at && at >= 0 && at < count)
            {
                fired = await FireBurstAsync(at, ct).ConfigureAwait(false);
                DropConnections();
            }

            fired += await FireBurstAsync(count - fired, ct).ConfigureAwait(false);
            return Results.Text(fired.ToString(CultureInfo.InvariantCulture));
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _control = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>
    /// What revoking the refresh token does in HA: every connection authenticated with it is closed, and the token
    /// is rejected from then on (REST 401, WebSocket auth_invalid) until <see cref="RejectTokens"/> is switched back.
    /// </summary>
    public void RevokeTokens()
    {
        RejectTokens(true);
        foreach (var session in _runtime.Sessions.Values)
        {
            session.BeginClose("token revoked");
        }
    }

    private async Task StopControlAsync()
    {
        if (_control is { } control)
        {
            _control = null;
            await control.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await control.DisposeAsync().ConfigureAwait(false);
        }
    }
}
