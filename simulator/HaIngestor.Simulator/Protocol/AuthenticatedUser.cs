namespace HaIngestor.Simulator.Protocol;

/// <summary>The user a connection authenticated as: contexts of its commands carry the id; admins may subscribe to any event.</summary>
internal sealed record AuthenticatedUser(string Id, string Name, bool IsAdmin);
