namespace HaIngestor.Connector.Backfill;

/// <summary>What a backfill request reads: recorded states or hourly long-term statistics.</summary>
internal enum BackfillKind
{
    States,
    Statistics,
}
