using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>A Home Assistant state object as it appears in <c>state_changed</c> data.</summary>
internal sealed record HaState(string EntityId, string State, JsonObject Attributes, string LastUpdated)
{
    /// <summary><c>last_changed</c>; the same as <see cref="LastUpdated"/> unless set.</summary>
    public string? LastChanged { get; init; }

    /// <summary>The domain (text before the first dot).</summary>
    public string Domain => EntityId.Split('.', 2)[0];

    /// <summary>The object id (text after the first dot).</summary>
    public string ObjectId => EntityId.Split('.', 2)[^1];
}
