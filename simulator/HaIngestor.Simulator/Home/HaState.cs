namespace HaIngestor.Simulator.Home;

/// <summary>A full Home Assistant state object, as <c>State.as_dict()</c> describes it.</summary>
public sealed record HaState(
    string EntityId,
    string State,
    IReadOnlyDictionary<string, object?> Attributes,
    DateTimeOffset LastChanged,
    DateTimeOffset LastReported,
    DateTimeOffset LastUpdated,
    HaContext Context);
