namespace HaIngestor.Simulator.Home;

/// <summary>An entry of the entity registry (the registry view of an entity, not its state).</summary>
public sealed record SimEntity(
    string EntityId,
    string Id,
    string UniqueId,
    string Platform,
    string? DeviceId,
    string? AreaId,
    string? OriginalName,
    string? ConfigEntryId)
{
    /// <summary>The domain part of the entity id (light, sensor, ...).</summary>
    public string Domain => EntityId[..EntityId.IndexOf('.', StringComparison.Ordinal)];
}
