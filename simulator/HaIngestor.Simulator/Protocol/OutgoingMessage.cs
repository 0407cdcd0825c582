namespace HaIngestor.Simulator.Protocol;

/// <summary>One queued outgoing message. Raw ones (fault injection) are sent alone, never inside a coalesced array.</summary>
/// <param name="Json">The whole message, or for an event message only the event object.</param>
/// <param name="Subscription">For an event message: the subscription id the writer wraps the event with; else 0.</param>
internal readonly record struct OutgoingMessage(string Json, int Subscription = 0, bool Raw = false)
{
    public bool IsEvent => Subscription > 0;
}
