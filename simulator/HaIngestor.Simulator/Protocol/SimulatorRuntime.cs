using System.Collections.Concurrent;
using HaIngestor.Simulator.Home;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator.Protocol;

/// <summary>What every connection shares: settings, the home, the clock, counters and the fault switches.</summary>
internal sealed class SimulatorRuntime(SimulatorOptions options, SimulatedHome home, TimeProvider time, ILogger logger)
{
    private long _nextConnectionId;
    private int _rejectTokens;

    public SimulatorOptions Options { get; } = options;

    public SimulatedHome Home { get; } = home;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public SimulatorCounters Counters { get; } = new();

    public StallGate Stall { get; } = new(time);

    public ConcurrentDictionary<long, ClientSession> Sessions { get; } = new();

    public bool RejectTokens
    {
        get => Volatile.Read(ref _rejectTokens) != 0;
        set => Volatile.Write(ref _rejectTokens, value ? 1 : 0);
    }

    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    /// <summary>Constant-time token check; a rejected-tokens fault makes every token invalid.</summary>
    public bool IsValidToken(string? token) =>
        !RejectTokens && token is not null &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(Options.Token));
}
