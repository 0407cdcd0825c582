namespace HaIngestor.Core.Parsing;

/// <summary>The event types the pipeline maps differently.</summary>
internal enum EventKind : byte
{
    StateChanged,
    CallService,

    /// <summary>An hour of a long-term statistic (<see cref="Mapping.StatisticsEvent"/>).</summary>
    Statistics,
    Other,
}
