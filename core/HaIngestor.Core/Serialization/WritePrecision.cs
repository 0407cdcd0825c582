namespace HaIngestor.Core.Serialization;

/// <summary>Timestamp precision of written lines; the same word goes in the write request's <c>precision</c>.</summary>
public enum WritePrecision
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}
