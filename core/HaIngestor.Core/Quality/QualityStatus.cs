namespace HaIngestor.Core.Quality;

/// <summary>An entity's data-quality status. Stable names (snake_case in points and output).</summary>
public enum QualityStatus : byte
{
    /// <summary>Reporting in its rhythm, values in range.</summary>
    Ok,

    /// <summary>The last numeric value is outside its device class's range (or a <c>total_increasing</c> dip).</summary>
    OutOfRange,

    /// <summary>No state change for longer than its silence bound.</summary>
    Silent,

    /// <summary><c>unavailable</c> for longer than <see cref="QualityOptions.StuckUnavailableAfter"/>.</summary>
    StuckUnavailable,
}
