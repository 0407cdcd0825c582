using System.Net.WebSockets;
using HaIngestor.TestUtilities;

namespace HaIngestor.Simulator.Tests;

/// <summary>The WebSocket as aiohttp runs it for HA: heartbeat pings, dropping clients that do not answer, permessage-deflate.</summary>
public sealed class HaSimulatorConnectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Heartbeat_ClientThatDoesNotAnswerPings_IsDroppedWithoutCloseFrame()
    {
        await using var sim = await SimulatorFixture.StartAsync(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
            o.HeartbeatTimeout = TimeSpan.FromMilliseconds(200);
        });
        await using var relay = WebSocketRelay.Start(sim.Port);
        // Pongs are written by ReceiveAsync: a client that no longer reads does not answer.
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(
            sim, sim.Token, url: RelayUrl(relay), configure: o => o.KeepAliveInterval = TimeSpan.Zero);

        await Eventually.AssertAsync(() => sim.Counters.HeartbeatTimeouts == 1, Wait, "the silent client is dropped");

        Assert.True(relay.Down.Pings >= 1);
        Assert.Equal(0, relay.Up.Pongs);
        Assert.Equal(0, relay.Down.Closes);
        await Eventually.AssertAsync(() => sim.ConnectedClients == 0, Wait, "the session is gone");
    }

    [Fact]
    public async Task Heartbeat_ClientThatReads_AnswersEveryPingAndStays()
    {
        await using var sim = await SimulatorFixture.StartAsync(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
            o.HeartbeatTimeout = TimeSpan.FromSeconds(20);
        });
        await using var relay = WebSocketRelay.Start(sim.Port);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(
            sim, sim.Token, url: RelayUrl(relay), configure: o => o.KeepAliveInterval = TimeSpan.Zero);
        var reading = client.ReceiveFrameAsync();

        await Eventually.AssertAsync(() => relay.Up.Pongs >= 3, Wait, "three pings answered");

        Assert.Equal(0, sim.Counters.HeartbeatTimeouts);
        Assert.Equal(1, sim.ConnectedClients);
        Assert.False(reading.IsCompleted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Compression_ClientOffersDeflate_AcceptedAsConfigured(bool compression)
    {
        await using var sim = await SimulatorFixture.StartAsync(o => o.Compression = compression);
        await using var relay = WebSocketRelay.Start(sim.Port);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(
            sim, sim.Token, url: RelayUrl(relay), configure: o => o.DangerousDeflateOptions = new WebSocketDeflateOptions());

        var id = await client.SendCommandAsync("""{"type":"get_states"}""");
        var states = await client.ReceiveResultAsync(id);

        Assert.Equal(sim.EntityIds.Count, states.GetProperty("result").GetArrayLength());
        var extensions = client.ResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out var values) ? string.Join(",", values) : string.Empty;
        Assert.Equal(compression, extensions.Contains("permessage-deflate", StringComparison.Ordinal));
        Assert.Equal(compression, relay.Down.CompressedFrames > 0);
    }

    private static Uri RelayUrl(WebSocketRelay relay) => new($"ws://127.0.0.1:{relay.Port}/api/websocket");
}
