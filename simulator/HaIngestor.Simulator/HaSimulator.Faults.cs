using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>Fault knobs: what a flaky network or a restarting Home Assistant does to its clients.</summary>
public sealed partial class HaSimulator
{
    /// <summary>Aborts every open WebSocket (no close handshake). Returns how many were dropped.</summary>
    public int DropConnections()
    {
        Log.FaultInjected(_runtime.Logger, "drop connections");
        var sessions = _runtime.Sessions.Values.ToList();
        foreach (var session in sessions)
        {
            session.Abort();
        }

        return sessions.Count;
    }

    /// <summary>Makes every token invalid (REST 401, WebSocket auth_invalid) until switched back.</summary>
    public void RejectTokens(bool reject)
    {
        Log.FaultInjected(_runtime.Logger, reject ? "reject tokens" : "accept tokens");
        _runtime.RejectTokens = reject;
    }

    /// <summary>Stops reading, writing and background activity for <paramref name="duration"/>, like a hung event loop.</summary>
    public void Stall(TimeSpan duration)
    {
        Log.FaultInjected(_runtime.Logger, "stall");
        _runtime.Stall.StallFor(duration);
    }

    /// <summary>Ends a stall early.</summary>
    public void ResumeFromStall() => _runtime.Stall.Release();

    /// <summary>Sends every authenticated client a text frame that is not JSON.</summary>
    public void SendMalformedFrame()
    {
        Log.FaultInjected(_runtime.Logger, "malformed frame");
        foreach (var session in _runtime.Sessions.Values)
        {
            session.SendMalformed();
        }
    }

    /// <summary>
    /// Restarts: drops everything, is unreachable for <see cref="SimulatorOptions.RestartDowntime"/>, comes back on the
    /// same port and, unless <paramref name="reannounce"/> is false, re-announces every entity as HA does at start-up.
    /// </summary>
    public async Task RestartAsync(bool reannounce = true, CancellationToken cancellationToken = default)
    {
        await GoDownAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(_runtime.Options.RestartDowntime, _runtime.Time, cancellationToken).ConfigureAwait(false);
        await ComeBackAsync(reannounce, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>First half of a restart: drops every connection and stops listening. States can still be set meanwhile.</summary>
    public async Task GoDownAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Log.Restarting(_runtime.Logger, _runtime.Sessions.Count, _runtime.Options.RestartDowntime);
            await StopServerAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Second half of a restart: listens again on the same port and, if asked, re-announces every entity in batches
    /// over <see cref="SimulatorOptions.StartupDuration"/>. HA's web server is up before its integrations have loaded, so
    /// a client that connects meanwhile (often one still in its reconnect backoff when the server came back) reads a
    /// part of the new states with get_states and gets the rest as live re-announcements. Returns once all are out.
    /// </summary>
    public async Task ComeBackAsync(bool reannounce = true, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is null)
            {
                await StartServerAsync(Port, cancellationToken).ConfigureAwait(false);
            }

            var count = reannounce ? await ReannounceWhileStartingAsync(cancellationToken).ConfigureAwait(false) : 0;
            Log.Restarted(_runtime.Logger, count);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task<int> ReannounceWhileStartingAsync(CancellationToken cancellationToken)
    {
        const int Batches = 10;
        var home = _runtime.Home;
        var duration = _runtime.Options.StartupDuration;
        if (duration <= TimeSpan.Zero)
        {
            return home.ReannounceAll();
        }

        var total = home.StateCount;
        var perBatch = Math.Max(1, (total + Batches - 1) / Batches);
        var announced = 0;
        for (var start = 0; start < total; start += perBatch)
        {
            if (start > 0)
            {
                await Task.Delay(duration / Batches, _runtime.Time, cancellationToken).ConfigureAwait(false);
            }

            announced += home.Reannounce(start, perBatch);
        }

        return announced;
    }
}
