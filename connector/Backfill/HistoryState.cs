using System.Text.Json;

namespace HaIngestor.Connector.Backfill;

/// <summary>One recorded state of the compressed history format: state, attributes (when sent), last_updated and last_changed.</summary>
/// <param name="Attributes">The attributes object; Undefined when the answer had none (<c>no_attributes</c>, <c>minimal_response</c>).</param>
/// <param name="LastChanged">Equal to <paramref name="LastUpdated"/> when the answer left <c>lc</c> out.</param>
internal sealed record HistoryState(string EntityId, string State, JsonElement Attributes, DateTimeOffset LastUpdated, DateTimeOffset LastChanged);
