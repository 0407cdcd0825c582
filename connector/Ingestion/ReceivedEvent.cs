using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Ingestion;

/// <summary>An event as received from Home Assistant, ready for a transport.</summary>
/// <param name="Envelope">The event message wrapped with its <see cref="IngestMetadata"/> (<see cref="IngestEnvelope"/>); owned by the receiver.</param>
/// <param name="Header">Type, entity, time and context of the event.</param>
/// <param name="Home">The Home Assistant instance's name, or null for a single unnamed home.</param>
/// <param name="CatchUp">True when synthesized from <c>get_states</c> after a gap.</param>
/// <param name="ReceivedAt">When the connector received it.</param>
public sealed record ReceivedEvent(byte[] Envelope, EventHeader Header, string? Home, bool CatchUp, DateTimeOffset ReceivedAt);
