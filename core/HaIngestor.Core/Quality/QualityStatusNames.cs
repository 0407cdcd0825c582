namespace HaIngestor.Core.Quality;

/// <summary>The stable snake_case names of <see cref="QualityStatus"/> values, as points and output spell them.</summary>
public static class QualityStatusNames
{
    /// <summary>The name of a status.</summary>
    public static string Name(QualityStatus status) => status switch
    {
        QualityStatus.OutOfRange => "out_of_range",
        QualityStatus.Silent => "silent",
        QualityStatus.StuckUnavailable => "stuck_unavailable",
        _ => "ok",
    };

    /// <summary>Reads a name written by <see cref="Name"/>; false for anything else.</summary>
    public static bool TryParse(string? name, out QualityStatus status)
    {
        status = name switch
        {
            "ok" => QualityStatus.Ok,
            "out_of_range" => QualityStatus.OutOfRange,
            "silent" => QualityStatus.Silent,
            "stuck_unavailable" => QualityStatus.StuckUnavailable,
            _ => (QualityStatus)255,
        };
        return (byte)status != 255;
    }
}
