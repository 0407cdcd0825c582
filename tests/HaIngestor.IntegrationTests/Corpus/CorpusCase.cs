using System.Text.Json.Nodes;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// One event of the corpus: the exact message bytes, what it was built from (so the schema expectations can state
/// its points), and, for invalid input, the rejection reason it must get.
/// </summary>
internal sealed record CorpusCase(string Name, byte[] Message)
{
    public string EventType { get; init; } = "state_changed";

    public string? EntityId { get; init; }

    public HaState? OldState { get; init; }

    public HaState? NewState { get; init; }

    /// <summary><c>time_fired</c> in milliseconds since the epoch (UTC).</summary>
    public long TimeFiredMs { get; init; }

    /// <summary><c>new_state.last_updated</c> in milliseconds since the epoch (UTC), when there is a new state.</summary>
    public long LastUpdatedMs { get; init; }

    /// <summary>call_service: domain, service and service_data; other events: their data.</summary>
    public string? ServiceDomain { get; init; }

    public string? Service { get; init; }

    public JsonObject? Data { get; init; }

    /// <summary>The <c>ingestor</c> envelope member, when the case carries one.</summary>
    public JsonObject? Ingestor { get; init; }

    /// <summary>Set for invalid input: the reason the pipeline must give, in every schema.</summary>
    public RejectReason? Reject { get; init; }

    public override string ToString() => Name;
}
