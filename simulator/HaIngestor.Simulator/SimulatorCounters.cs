namespace HaIngestor.Simulator;

/// <summary>Running totals of the simulator, safe to read from any thread.</summary>
public sealed class SimulatorCounters
{
    private long _connections;
    private long _authenticated;
    private long _authRejected;
    private long _eventsSent;
    private long _messagesSent;
    private long _framesSent;
    private long _clientsCutOff;
    private long _heartbeatTimeouts;

    /// <summary>WebSocket connections accepted.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Connections that completed auth.</summary>
    public long Authenticated => Interlocked.Read(ref _authenticated);

    /// <summary>Auth attempts answered with auth_invalid.</summary>
    public long AuthRejected => Interlocked.Read(ref _authRejected);

    /// <summary>Event messages written to sockets.</summary>
    public long EventsSent => Interlocked.Read(ref _eventsSent);

    /// <summary>Messages of every type written to sockets (a coalesced frame counts each message).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>WebSocket text frames written.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Connections closed because the client fell behind the pending-message limits.</summary>
    public long ClientsCutOff => Interlocked.Read(ref _clientsCutOff);

    /// <summary>Connections dropped because a WebSocket ping got no pong within the heartbeat timeout.</summary>
    public long HeartbeatTimeouts => Interlocked.Read(ref _heartbeatTimeouts);

    internal void HeartbeatTimedOut() => Interlocked.Increment(ref _heartbeatTimeouts);

    internal void Connected() => Interlocked.Increment(ref _connections);

    internal void AuthOk() => Interlocked.Increment(ref _authenticated);

    internal void AuthInvalid() => Interlocked.Increment(ref _authRejected);

    internal void Sent(int messages, int events)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _messagesSent, messages);
        Interlocked.Add(ref _eventsSent, events);
    }

    internal void CutOff() => Interlocked.Increment(ref _clientsCutOff);
}
