using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator;

public sealed partial class HaSimulator
{
    /// <summary>The recorded history's range: states from <c>Start</c> until before <c>End</c> (the simulator's start).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) HistoryRange => (_runtime.History.Start, _runtime.History.End);

    /// <summary>The recorded states of one entity with last_updated in [<paramref name="start"/>, <paramref name="end"/>), in time order.</summary>
    public IReadOnlyList<HaState> GetRecordedStates(string entityId, DateTimeOffset start, DateTimeOffset end) =>
        [.. _runtime.History.StatesOf(entityId).Where(s => s.LastUpdated >= start && s.LastUpdated < end)];

    /// <summary>The hours of long-term statistics of one entity starting in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public int CountRecordedStatistics(string entityId, DateTimeOffset start, DateTimeOffset end) =>
        _runtime.History.InitialOf(entityId) is { } initial
            ? RecordedStatistics.HourlyOf(_runtime.History, initial).Count(r => r.Start >= start && r.Start < end)
            : 0;
}
