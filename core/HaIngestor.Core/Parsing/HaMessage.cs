namespace HaIngestor.Core.Parsing;

/// <summary>One message of a WebSocket frame; <see cref="Json"/> is the exact UTF-8 bytes of the message object.</summary>
/// <param name="Type">The message's <c>type</c>.</param>
/// <param name="Id">The message's <c>id</c>, or 0 when it has none (auth phase messages).</param>
/// <param name="Json">The message object, a slice of the frame (no copy).</param>
public readonly record struct HaMessage(HaMessageType Type, long Id, ReadOnlyMemory<byte> Json)
{
    /// <summary>
    /// For an event message, its header, read by <see cref="HaFrameReader"/> in the same pass that split the frame;
    /// null when the message is no event or its header is unreadable.
    /// </summary>
    public EventHeader? Header { get; init; }

    /// <summary>
    /// How many top-level members the object has, as read in the same pass; 0 when unknown. With
    /// <see cref="HasIngestorMember"/> it lets <see cref="IngestEnvelope.Wrap(in HaMessage, in IngestMetadata, System.Buffers.IBufferWriter{byte})"/>
    /// wrap the message without scanning it again.
    /// </summary>
    public int MemberCount { get; init; }

    /// <summary>For a <c>state_changed</c> event, what the restart-duplicate check needs, read in the same pass; else null.</summary>
    public StateChangeShape? StateChange { get; init; }

    /// <summary>True when the object already has an <c>ingestor</c> member (which wrapping then replaces).</summary>
    public bool HasIngestorMember { get; init; }
}
