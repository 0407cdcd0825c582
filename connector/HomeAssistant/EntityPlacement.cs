namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Where an entity lives, from the registries.</summary>
/// <param name="Area">The area name, when the entity or its device has one.</param>
/// <param name="Device">The device name (<c>name_by_user</c> ?? <c>name</c>), when the entity has a device.</param>
internal readonly record struct EntityPlacement(string? Area, string? Device);
