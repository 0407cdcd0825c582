namespace HaIngestor.Core.Pipeline;

/// <summary>Why an event was rejected. Stable names: they go into dead letters and metrics.</summary>
public enum RejectReason : byte
{
    None,
    MalformedJson,
    NotAnEvent,
    MissingEventType,
    MissingEntityId,
    MalformedEntityId,
    MissingTimestamp,
    BadTimestamp,
    WrongJsonKind,
    Oversize,

    /// <summary>A record of a versioned ingestor event (<c>ha_ingestor_statistics</c>) of a version this build does not read.</summary>
    UnsupportedVersion,
}
