namespace HaIngestor.Simulator;

/// <summary>
/// What one connection was sent: its <c>state_changed</c> events (entity, µs) in the frames they went out in, in
/// order, and how the connection ended. A client reads a TCP stream in order, so once a frame has reached it every
/// earlier frame has too; what a connection the simulator ended was sent after the last frame the client read never
/// reached it, and Home Assistant does not send it again.
/// </summary>
internal sealed class ConnectionDeliveryRecord(long id)
{
    public long Id { get; } = id;

    /// <summary>Each frame's events, in the order the frames were written.</summary>
    public List<List<(string EntityId, long Micros)>> Frames { get; } = [];

    /// <summary>Null while open; true when the simulator ended it (a cut-off, a fault knob, a restart, a revoked token, a missed heartbeat), false when the client did.</summary>
    public bool? EndedByServer { get; set; }
}
