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

    /// <summary>What the recorder holds; set once the home is furnished.</summary>
    public RecordedHistory History { get; set; } = null!;

    public StallGate Stall { get; } = new(time);

    public ConcurrentDictionary<long, ClientSession> Sessions { get; } = new();

    /// <summary>Per entity, what was fired and sent; null unless the control surface is on (it costs memory per event).</summary>
    public SentEventLog? EventLog { get; set; }

    public bool RejectTokens
    {
        get => Volatile.Read(ref _rejectTokens) != 0;
        set => Volatile.Write(ref _rejectTokens, value ? 1 : 0);
    }

    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    /// <summary>Constant-time token check; a rejected-tokens fault makes every token invalid.</summary>
    public bool IsValidToken(string? token) => ResolveUser(token) is not null;

    /// <summary>The user a token belongs to (the owner's is an admin), or null when no user has it or tokens are rejected.</summary>
    public AuthenticatedUser? ResolveUser(string? token)
    {
        if (RejectTokens || token is null)
        {
            return null;
        }

        var presented = System.Text.Encoding.UTF8.GetBytes(token);
        AuthenticatedUser? found = null;
        if (Matches(presented, Options.Token))
        {
            found = new AuthenticatedUser(Home.UserId, "Owner", IsAdmin: true);
        }

        // Every token is compared, so the time taken does not tell which one matched.
        foreach (var user in Options.Users)
        {
            if (Matches(presented, user.Token) && found is null)
            {
                found = new AuthenticatedUser(UserIdOf(user.Name), user.Name, user.IsAdmin);
            }
        }

        return found;
    }

    private static bool Matches(byte[] presented, string token) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(presented, System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>A stable 32-hex user id per name, the shape of HA's user ids.</summary>
    private static string UserIdOf(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("user:" + name)))[..32];
}
