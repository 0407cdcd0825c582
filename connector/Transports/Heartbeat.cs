namespace HaIngestor.Connector.Transports;

/// <summary>What a heartbeat says: the connector is alive, which homes it serves and how it is doing.</summary>
/// <param name="Homes">Names of the configured homes.</param>
/// <param name="ConnectedHomes">Homes with a live connection.</param>
/// <param name="JournalDepth">Events waiting in the journal.</param>
/// <param name="Version">The connector's version.</param>
/// <param name="SentAt">When it was sent.</param>
internal sealed record Heartbeat(IReadOnlyList<string> Homes, int ConnectedHomes, long JournalDepth, string Version, DateTimeOffset SentAt);
