namespace HaIngestor.Core.Parsing;

/// <summary>One message of a WebSocket frame; <see cref="Json"/> is the exact UTF-8 bytes of the message object.</summary>
/// <param name="Type">The message's <c>type</c>.</param>
/// <param name="Id">The message's <c>id</c>, or 0 when it has none (auth phase messages).</param>
/// <param name="Json">The message object, a slice of the frame (no copy).</param>
public readonly record struct HaMessage(HaMessageType Type, long Id, ReadOnlyMemory<byte> Json);
