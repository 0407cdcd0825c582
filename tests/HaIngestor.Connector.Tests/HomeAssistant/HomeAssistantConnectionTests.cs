using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Core.Parsing;
using HaIngestor.Simulator;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>One WebSocket session against the simulator: auth phase, commands matched by id, events to the handler.</summary>
public sealed class HomeAssistantConnectionTests
{
    [Fact]
    public async Task AuthenticateAsync_WrongToken_ThrowsAuthExceptionWithoutTheToken()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });
        await using var connection = await HomeAssistantConnection.ConnectAsync(simulator.WebSocketUrl, null, CancellationToken.None);
        const string wrong = "wrong-token-for-this-test";

        var error = await Assert.ThrowsAsync<HomeAssistantAuthException>(() => connection.AuthenticateAsync(wrong, CancellationToken.None));

        Assert.Contains("auth_invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, simulator.Counters.AuthRejected);
    }

    [Fact]
    public async Task SendCommandAsync_SeveralAtOnce_EachGetsItsOwnReply()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });
        await using var connection = await HomeAssistantConnection.ConnectAsync(simulator.WebSocketUrl, null, CancellationToken.None);
        Assert.Equal("2026.11.0", await connection.AuthenticateAsync(simulator.Token, CancellationToken.None));
        var handler = new CountingHandler();
        using var stop = new CancellationTokenSource();
        var receive = connection.RunReceiveLoopAsync(handler, stop.Token);

        var pings = Enumerable.Range(0, 20).Select(_ => connection.SendCommandAsync("ping", null, CancellationToken.None)).ToList();
        using var unknown = await connection.SendCommandAsync("no_such_command", null, CancellationToken.None);
        using var states = await connection.SendCommandAsync("get_states", null, CancellationToken.None);

        var replies = await Task.WhenAll(pings);
        Assert.All(replies, r => Assert.True(r.Success));
        Assert.Equal(20, replies.Select(r => r.Id).Distinct().Count());
        Assert.False(unknown.Success);
        Assert.Equal("unknown_command", unknown.ErrorCode);
        Assert.Equal(simulator.EntityIds.Count, states.Result.GetArrayLength());
        Assert.Equal(0, handler.Malformed);
        foreach (var reply in replies)
        {
            reply.Dispose();
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
    }

    [Fact]
    public async Task SendCommandAsync_ConnectionDropped_FailsPendingAndLaterCommands()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });
        await using var connection = await HomeAssistantConnection.ConnectAsync(simulator.WebSocketUrl, null, CancellationToken.None);
        await connection.AuthenticateAsync(simulator.Token, CancellationToken.None);
        var receive = connection.RunReceiveLoopAsync(new CountingHandler(), CancellationToken.None);

        simulator.DropConnections();

        await Assert.ThrowsAnyAsync<Exception>(() => receive);
        await Assert.ThrowsAsync<HomeAssistantConnectionLostException>(() => connection.SendCommandAsync("ping", null, CancellationToken.None));
    }

    private sealed class CountingHandler : IHomeAssistantMessageHandler
    {
        public int Events { get; private set; }

        public int Malformed { get; private set; }

        public void OnEvent(in HaMessage message) => Events++;

        public void OnMalformed(string error) => Malformed++;
    }
}
