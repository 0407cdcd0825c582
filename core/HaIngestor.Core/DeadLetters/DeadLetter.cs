namespace HaIngestor.Core.DeadLetters;

/// <summary>An event that could not be written, kept with the reason so it can be replayed once the cause is fixed.</summary>
/// <param name="Message">The original event message (an <see cref="Parsing.IngestEnvelope"/>), as UTF-8 JSON text.</param>
/// <param name="Reason">Stable reason code (a <see cref="Pipeline.RejectReason"/> name, <c>SinkRejected</c>, <c>SinkUnavailable</c>).</param>
/// <param name="Detail">Human-readable detail, never a secret.</param>
/// <param name="Source">Who dead-lettered it (<c>functions</c>, <c>connector</c>).</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="FirstSeenAt">When the event was first received, when known.</param>
/// <param name="Attempts">Write attempts made before giving up.</param>
public sealed record DeadLetter(
    string Message,
    string Reason,
    string? Detail,
    string Source,
    DateTimeOffset FailedAt,
    DateTimeOffset? FirstSeenAt,
    int Attempts);
