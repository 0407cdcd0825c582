namespace HaIngestor.Core.Parsing;

/// <summary>What the connector knows about an event that Home Assistant does not put in it.</summary>
/// <param name="Home">The Home Assistant instance's name (tag <c>home</c>), or null for a single-home setup.</param>
/// <param name="Area">The entity's area name from the registries, when known.</param>
/// <param name="Device">The entity's device name from the registries, when known.</param>
/// <param name="CatchUp">True when the event was synthesized from <c>get_states</c> after a connection gap.</param>
public readonly record struct IngestMetadata(string? Home, string? Area, string? Device, bool CatchUp);
