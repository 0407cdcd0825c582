using System.Diagnostics;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.Simulator.Tests;

/// <summary>
/// Home Assistant's official JavaScript client (npm home-assistant-js-websocket) against the simulator: the proof
/// that the simulator speaks HA's protocol, not merely what our own client expects.
/// </summary>
public sealed class OfficialClientConformanceTests
{
    [Fact]
    public async Task OfficialJsClient_ConnectsSubscribesAndCallsService_AllStepsSucceed()
    {
        var nodeModules = TestServers.NodeModules;
        await using var sim = await SimulatorFixture.StartAsync(o => o.EventsPerSecond = 50);
        var script = Path.Combine(AppContext.BaseDirectory, "js", "conformance.mjs");

        var (exitCode, stdout, stderr) = await RunNodeAsync(script, nodeModules, sim.BaseUrl.ToString().TrimEnd('/'), sim.Token);

        Assert.True(exitCode == 0, $"node exited with {exitCode}.\nstdout: {stdout}\nstderr: {stderr}");
        using var result = JsonDocument.Parse(stdout.Trim().Split('\n').Last());
        var r = result.RootElement;
        Assert.Equal("ERR_INVALID_AUTH", r.GetProperty("invalidAuth").GetString());
        Assert.Equal("2026.11.0", r.GetProperty("haVersion").GetString());
        Assert.Equal(sim.EntityIds.Count, r.GetProperty("entityCount").GetInt32());
        Assert.True(r.GetProperty("initialHasAttributes").GetBoolean());
        Assert.Equal("state_changed", r.GetProperty("eventType").GetString());
        Assert.Equal("on", r.GetProperty("eventNewState").GetString());
        Assert.Equal("LOCAL", r.GetProperty("eventOrigin").GetString());
        Assert.Equal("on", r.GetProperty("entityUpdateState").GetString());
        Assert.Equal(77, r.GetProperty("entityUpdateBrightness").GetInt32());
        Assert.True(r.GetProperty("entityUpdateLastChangedIsIso").GetBoolean());
        Assert.Equal(26, r.GetProperty("serviceContextId").GetString()!.Length);
        Assert.Equal(sim.EntityIds.Count, r.GetProperty("getStatesCount").GetInt32());
        Assert.Equal("2026.11.0", r.GetProperty("configVersion").GetString());
        Assert.Equal("pong", r.GetProperty("ping").GetString());
        // The client negotiates coalescing first, as HA's frontend does.
        Assert.True(sim.Counters.Authenticated >= 1);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string script, string nodeModules, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[TestServers.NodeModulesVariable] = nodeModules;
        start.Environment["NODE_PATH"] = nodeModules;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
