namespace HaIngestor.Connector.Backfill;

/// <summary>One request of a backfill: a kind, a few ids and a time range no longer than <see cref="BackfillOptions.RequestSpan"/>.</summary>
internal sealed record BackfillRequest(BackfillKind Kind, IReadOnlyList<string> Ids, DateTimeOffset Start, DateTimeOffset End, int Window);
