namespace HaIngestor.Core.Parsing;

/// <summary>The kinds of message the Home Assistant WebSocket API sends.</summary>
public enum HaMessageType : byte
{
    /// <summary>A message whose <c>type</c> is missing or not one we know.</summary>
    Unknown,
    AuthRequired,
    AuthOk,
    AuthInvalid,
    Result,
    Event,
    Pong,
}
