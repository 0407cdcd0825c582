namespace HaIngestor.Adapters.Retention;

/// <summary>What <see cref="InfluxV1RetentionManager.ApplyAsync"/> changed, in order; empty when everything was already in place.</summary>
/// <param name="Actions">Human-readable actions taken.</param>
public sealed record RetentionReport(IReadOnlyList<string> Actions);
