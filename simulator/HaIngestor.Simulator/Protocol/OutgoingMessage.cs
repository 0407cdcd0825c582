namespace HaIngestor.Simulator.Protocol;

/// <summary>One queued outgoing message. Raw ones (fault injection) are sent alone, never inside a coalesced array.</summary>
internal readonly record struct OutgoingMessage(string Json, bool IsEvent, bool Raw = false);
