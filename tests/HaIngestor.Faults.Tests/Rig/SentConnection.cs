namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// One connection as the simulator saw it: the <c>state_changed</c> events it wrote to it (entity, µs), frame by
/// frame in order, and whether the simulator ended it (<see cref="EndedByServer"/>: a cut-off, a drop, a restart, a
/// revoked token, a missed heartbeat) or the client did, or it is still open.
/// </summary>
internal sealed record SentConnection(long Id, string Ended, IReadOnlyList<IReadOnlyList<(string Entity, long Micros)>> Frames)
{
    public bool EndedByServer => Ended == "server";
}
