using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Batching;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>What goes over the wire between the client and Home Assistant: heartbeat pongs, close frames, compression.</summary>
public sealed class HomeAssistantClientWireTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new("hai-wire");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_DownstreamStuck_KeepsAnsweringHeartbeatPingsAndLosesNothing()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            Token = "token-" + Guid.NewGuid().ToString("N"),
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatTimeout = TimeSpan.FromSeconds(20),
        });
        await using var relay = WebSocketRelay.Start(simulator.Port);
        var counters = new ConnectorCounters();
        using var journal = new EventJournal(
            Options.Create(new JournalOptions { Path = _folder.Path, SegmentBytes = 64 * 1024 }), TimeProvider.System, counters, NullLogger<EventJournal>.Instance);
        var buffer = new EventBuffer(
            Options.Create(new ConnectorOptions { BufferCapacity = 16, RetryMaxDelay = TimeSpan.FromMilliseconds(20), DrainTimeout = TimeSpan.FromSeconds(5) }),
            Options.Create(new BatcherOptions { MaxBatchSize = 10, MaxBatchDelay = TimeSpan.FromMilliseconds(20) }),
            Options.Create(new JournalOptions()),
            journal,
            counters,
            TimeProvider.System,
            NullLogger<EventBuffer>.Instance);
        var transport = new GatedTransport();
        using var stop = new CancellationTokenSource();
        var forwarding = buffer.RunAsync(transport, stop.Token);
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Url"] = $"http://127.0.0.1:{relay.Port}";
        await using var host = await ClientHost.StartAsync(settings, downstream: buffer);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected");

        // The transport hangs on its first send: the buffer fills and spills while events keep coming.
        await simulator.FireBurstAsync(500);
        await Eventually.AssertAsync(() => transport.Waiting && buffer.Spilling, Wait, "downstream stuck and spilling");
        var pongs = relay.Up.Pongs;
        await Eventually.AssertAsync(() => relay.Up.Pongs >= pongs + 5, Wait, "five more pings answered while downstream is stuck");
        await simulator.FireBurstAsync(500);
        await Eventually.AssertAsync(() => relay.Up.Pongs >= pongs + 10, Wait, "and after the second burst");

        Assert.Equal(0, simulator.Counters.HeartbeatTimeouts);
        Assert.Equal(1, simulator.Counters.Connections);
        transport.Open();
        await Eventually.AssertAsync(() => transport.Delivered >= simulator.Counters.EventsSent, Wait, "everything delivered once downstream moves");
        await stop.CancelAsync();
        await forwarding;
    }

    [Fact]
    public async Task StopAsync_Simulator_ClosesTheClientsConnectionWithNormalClosure()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });
        await using var relay = WebSocketRelay.Start(simulator.Port);
        var settings = ClientHost.SettingsFor(simulator);
        settings["HomeAssistant:Url"] = $"http://127.0.0.1:{relay.Port}";
        await using var host = await ClientHost.StartAsync(settings);
        await Eventually.AssertAsync(() => host.Home().IsConnected, Wait, "connected");

        await simulator.GoDownAsync();

        await Eventually.AssertAsync(() => relay.Down.Closes == 1, Wait, "a close frame from the server");
        await Eventually.AssertAsync(() => !host.Home().IsConnected, Wait, "the client noticed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2000)]
    public async Task Compression_GetStatesAndRegistries_TravelDeflated(int extraEntities)
    {
        var plain = await MeasureAsync(extraEntities, compression: false);
        var deflated = await MeasureAsync(extraEntities, compression: true);

        output.WriteLine($"{plain.Entities} entities: {plain.Down:N0} bytes down uncompressed, {deflated.Down:N0} deflated " +
                         $"({100.0 * deflated.Down / plain.Down:0.0} %); up {plain.Up:N0} / {deflated.Up:N0}");
        Assert.False(plain.Negotiated);
        Assert.True(deflated.Negotiated);
        // The same answers, deflated: JSON of states repeats its keys, so it shrinks to well under half.
        Assert.True(deflated.Down * 2 < plain.Down, $"{deflated.Down} deflated vs {plain.Down} plain");
    }

    private async Task<(int Entities, long Down, long Up, bool Negotiated)> MeasureAsync(int extraEntities, bool compression)
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, ExtraEntities = extraEntities });
        await using var relay = WebSocketRelay.Start(simulator.Port);
        var url = new Uri($"ws://127.0.0.1:{relay.Port}/api/websocket");
        await using var connection = await HomeAssistantConnection.ConnectAsync(url, null, CancellationToken.None, compression);
        await connection.AuthenticateAsync(simulator.Token, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var receive = connection.RunReceiveLoopAsync(new NoMessages(), stop.Token);

        // What the client reads at every connect: the three registries and, after a gap, every state.
        foreach (var command in new[] { "config/entity_registry/list", "config/device_registry/list", "config/area_registry/list", "get_states" })
        {
            using var reply = await connection.SendCommandAsync(command, null, CancellationToken.None);
            Assert.True(reply.Success, command);
        }

        var negotiated = connection.IsCompressed;
        await stop.CancelAsync();
        connection.Close(new OperationCanceledException("measured"));
        await receive.ContinueWith(static _ => { }, TaskScheduler.Default);
        return (simulator.EntityIds.Count, relay.Down.Bytes, relay.Up.Bytes, negotiated);
    }

    private sealed class NoMessages : IHomeAssistantMessageHandler
    {
        public void OnEvent(in HaIngestor.Core.Parsing.HaMessage message)
        {
        }

        public void OnMalformed(string error)
        {
        }
    }

    /// <summary>A transport whose sends hang until <see cref="Open"/>: a sink that stopped answering.</summary>
    private sealed class GatedTransport : IEventTransport
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _delivered;
        private volatile bool _waiting;

        public string Name => "gated";

        public bool RunsPipeline => false;

        public bool Waiting => _waiting;

        public long Delivered => Interlocked.Read(ref _delivered);

        public void Open() => _open.TrySetResult();

        public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
        {
            _waiting = !_open.Task.IsCompleted;
            await _open.Task.WaitAsync(cancellationToken);
            _waiting = false;
            Interlocked.Add(ref _delivered, events.Count);
        }

        public Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
