namespace HaIngestor.Core.Quality;

/// <summary>Entities per status as of the last evaluation, and those not tracked because of the bound.</summary>
public readonly record struct QualityTotals(int Ok, int OutOfRange, int Silent, int StuckUnavailable, long Untracked)
{
    /// <summary>Entities tracked.</summary>
    public int Tracked => Ok + OutOfRange + Silent + StuckUnavailable;

    /// <summary>Entities silent or stuck: what <c>/health</c> reports as degraded.</summary>
    public int Problems => Silent + StuckUnavailable;
}
