namespace HaIngestor.Core.Parsing;

/// <summary>The event types the pipeline maps differently.</summary>
internal enum EventKind : byte
{
    StateChanged,
    CallService,
    Other,
}
