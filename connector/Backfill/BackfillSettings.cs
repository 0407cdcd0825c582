namespace HaIngestor.Connector.Backfill;

/// <summary>What the command line asks of a backfill.</summary>
/// <param name="Start">Oldest time (UTC); null means <paramref name="Days"/> before <paramref name="End"/>.</param>
/// <param name="End">Newest time, exclusive; null means now.</param>
/// <param name="Home">Only the instance of this name; null means every configured instance.</param>
internal sealed record BackfillSettings(DateTimeOffset? Start, DateTimeOffset? End, int Days, bool Statistics, string? Home);
