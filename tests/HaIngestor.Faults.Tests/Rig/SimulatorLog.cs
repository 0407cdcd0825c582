namespace HaIngestor.Faults.Tests.Rig;

/// <summary>The simulator's log: per entity the timestamps (µs) fired and sent, and per connection what was sent on it.</summary>
internal sealed record SimulatorLog(
    IReadOnlyDictionary<string, (HashSet<long> Fired, List<long> Sent)> Entities,
    IReadOnlyList<SentConnection> Connections);
