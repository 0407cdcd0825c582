using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>One queued outgoing message, as UTF-8. Raw ones (fault injection) are sent alone, never inside an array.</summary>
/// <param name="Utf8">The whole message, or for an event message only the event object (shared by all receivers).</param>
/// <param name="Subscription">For an event message: the subscription id the writer wraps the event with; else 0.</param>
/// <param name="Raw">Sent as is, alone in its frame.</param>
/// <param name="IdFirst">
/// For an event message: <c>id</c> before <c>type</c>, as HA writes the first answer of subscribe_entities. Events of
/// the bus and entity changes come from HA's cache, which appends <c>"id"</c> last.
/// </param>
internal readonly record struct OutgoingMessage(byte[] Utf8, int Subscription = 0, bool Raw = false, bool IdFirst = false)
{
    public bool IsEvent => Subscription > 0;

    /// <summary>For a bus event: the event, so the sent-event log can record it once it is on the wire.</summary>
    public PublishedEvent? Source { get; init; }

    public static OutgoingMessage Of(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}
