using HaIngestor.Simulator.Home;
using HaIngestor.Simulator.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator;

/// <summary>
/// A loopback Home Assistant: <c>/api/</c> and <c>/api/websocket</c> with HA's protocol, a simulated home that
/// lives at a configurable event rate, and fault knobs for tests and demos.
/// </summary>
public sealed partial class HaSimulator : IAsyncDisposable
{
    private readonly SimulatorRuntime _runtime;
    private readonly ActivityGenerator _activity;
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Task _activityLoop = Task.CompletedTask;
    private int _disposed;

    private HaSimulator(SimulatorOptions options, TimeProvider time, ILogger logger)
    {
        var home = new SimulatedHome(time, options.Seed, "0d2f6c3e5b8a4f1d9c7e2a6b4d8f0e13");
        HomeBuilder.Furnish(home);
        HomeBuilder.AddExtraEntities(home, options.ExtraEntities);
        _runtime = new SimulatorRuntime(options, home, time, logger);
        var end = options.HistoryEnd ?? new DateTimeOffset(time.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        _runtime.History = new RecordedHistory(home.Snapshot(), options.Seed, end.ToUniversalTime(), TimeSpan.FromDays(options.HistoryDays), options.HistoryInterval);
        _activity = new ActivityGenerator(home);
    }

    /// <summary>http://127.0.0.1:port, the URL a client is configured with.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>ws://127.0.0.1:port/api/websocket.</summary>
    public Uri WebSocketUrl => new($"ws://127.0.0.1:{Port}/api/websocket");

    /// <summary>The port bound (stays the same across restarts).</summary>
    public int Port { get; private set; }

    /// <summary>The access token the simulator accepts.</summary>
    public string Token => _runtime.Options.Token;

    /// <summary>Totals: connections, events and messages sent, clients cut off.</summary>
    public SimulatorCounters Counters => _runtime.Counters;

    /// <summary>Events fired on the simulated bus, whether or not anyone was subscribed.</summary>
    public long EventsFired => _runtime.Home.EventsFired;

    /// <summary>Authenticated connections currently open.</summary>
    public int ConnectedClients => _runtime.Home.ListenerCount;

    /// <summary>False between the two halves of a restart.</summary>
    public bool IsUp => _server is not null;

    /// <summary>Starts a simulator on the system clock without logging.</summary>
    public static Task<HaSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, null, cancellationToken);

    /// <summary>Starts a simulator with the given clock and logging.</summary>
    /// <exception cref="OptionsValidationException">A setting is out of range; the message names it.</exception>
    public static async Task<HaSimulator> StartAsync(
        SimulatorOptions options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var validation = new SimulatorOptionsValidator().Validate(SimulatorOptions.SectionName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SimulatorOptions.SectionName, typeof(SimulatorOptions), validation.Failures);
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("HaIngestor.Simulator");
        var simulator = new HaSimulator(options, timeProvider, logger);
        await simulator.StartServerAsync(options.Port, cancellationToken).ConfigureAwait(false);
        simulator._activityLoop = simulator.RunActivityAsync(simulator._disposing.Token);
        Log.Started(logger, simulator.BaseUrl.ToString(), simulator._runtime.Home.Entities.Count, options.EventsPerSecond);
        return simulator;
    }

    /// <summary>All current states, as get_states returns them.</summary>
    public IReadOnlyList<HaState> GetStates() => _runtime.Home.Snapshot();

    /// <summary>One entity's current state, or null.</summary>
    public HaState? GetState(string entityId) => _runtime.Home.GetState(entityId);

    /// <summary>The entity ids of the simulated home.</summary>
    public IReadOnlyList<string> EntityIds => [.. _runtime.Home.Entities.Select(e => e.EntityId)];

    /// <summary>
    /// Sets a state as an integration would (fires state_changed when state or attributes differ). Works while the
    /// simulator is down too, so a client can catch up on it after reconnecting. Null attributes keep the current ones.
    /// </summary>
    public HaState SetState(string entityId, string state, IReadOnlyDictionary<string, object?>? attributes = null) =>
        _runtime.Home.SetState(entityId, state, attributes);

    /// <summary>Fires an arbitrary event on the bus.</summary>
    public void FireEvent(string eventType, IReadOnlyDictionary<string, object?> data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(data);
        _runtime.Home.Fire(eventType, data);
    }

    /// <summary>Calls a service as a user would (call_service event, then the state changes).</summary>
    /// <exception cref="ServiceNotFoundException">The service does not exist.</exception>
    public void CallService(string domain, string service, IReadOnlyDictionary<string, object?>? serviceData = null)
    {
        var home = _runtime.Home;
        lock (home.Gate)
        {
            ServiceCalls.Call(home, domain, service, serviceData, null, home.NewContext(userId: home.UserId));
        }
    }

    /// <summary>Re-announces every entity (state_changed with old_state null and fresh timestamps), as HA does at start.</summary>
    public int ReannounceAll() => _runtime.Home.ReannounceAll();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _activityLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on dispose.
        }

        await StopControlAsync().ConfigureAwait(false);
        await StopServerAsync().ConfigureAwait(false);
        _disposing.Dispose();
        _lifecycle.Dispose();
    }
}
