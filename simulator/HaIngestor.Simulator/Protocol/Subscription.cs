namespace HaIngestor.Simulator.Protocol;

/// <summary>A live subscription of one connection: to bus events of a type ("*" = all), or to the entity stream.</summary>
internal sealed record Subscription(int Id, string? EventType, HashSet<string>? EntityIds, bool Entities);
