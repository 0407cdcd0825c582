using System.Globalization;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// The InfluxQL statements that give an InfluxDB 1.x database the retention scheme of <see cref="RetentionOptions"/>:
/// a default raw policy, a summary policy, and a continuous query that writes one point per series and day.
/// Pure: builds text, talks to nobody.
/// </summary>
public sealed class InfluxQlRetentionPlan
{
    private readonly RetentionOptions _options;
    private readonly string _database;

    /// <summary>Creates the plan for <paramref name="database"/>.</summary>
    public InfluxQlRetentionPlan(string database, RetentionOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options;
    }

    /// <summary>Creates the raw policy, as the database's default so unqualified writes land in it.</summary>
    public string CreateRawPolicy() =>
        $"CREATE RETENTION POLICY {Ident(_options.RawPolicy)} ON {Ident(_database)} DURATION {Duration(_options.RawDuration)} REPLICATION 1 DEFAULT";

    /// <summary>Brings an existing raw policy to the configured duration and makes it the default.</summary>
    public string AlterRawPolicy() =>
        $"ALTER RETENTION POLICY {Ident(_options.RawPolicy)} ON {Ident(_database)} DURATION {Duration(_options.RawDuration)} DEFAULT";

    /// <summary>Creates the summary policy.</summary>
    public string CreateSummaryPolicy() =>
        $"CREATE RETENTION POLICY {Ident(_options.SummaryPolicy)} ON {Ident(_database)} DURATION {Duration(_options.SummaryDuration)} REPLICATION 1";

    /// <summary>Brings an existing summary policy to the configured duration.</summary>
    public string AlterSummaryPolicy() =>
        $"ALTER RETENTION POLICY {Ident(_options.SummaryPolicy)} ON {Ident(_database)} DURATION {Duration(_options.SummaryDuration)}";

    /// <summary>
    /// The summary query body: per measurement and full tag set, the day's mean, min, max and count of <c>value</c>
    /// (the field both schemas use for numeric and boolean-like states).
    /// </summary>
    public string SummarySelect(string? timeFilter = null) =>
        "SELECT mean(\"value\") AS \"value_mean\", min(\"value\") AS \"value_min\", max(\"value\") AS \"value_max\", "
        + "count(\"value\") AS \"value_count\" "
        + $"INTO {Ident(_database)}.{Ident(_options.SummaryPolicy)}.:MEASUREMENT "
        + $"FROM {Ident(_database)}.{Ident(_options.RawPolicy)}./.*/ "
        + (timeFilter is null ? string.Empty : $"WHERE {timeFilter} ")
        + "GROUP BY time(1d), *";

    /// <summary>
    /// The continuous query. It re-runs each day over the last two days so points that arrive late (connector
    /// journal replays, catch-up) still count in their day's summary.
    /// </summary>
    public string CreateContinuousQuery() =>
        $"CREATE CONTINUOUS QUERY {Ident(_options.ContinuousQuery)} ON {Ident(_database)} RESAMPLE EVERY 1d FOR 2d BEGIN {SummarySelect()} END";

    /// <summary>Drops the continuous query (continuous queries cannot be altered, only replaced).</summary>
    public string DropContinuousQuery() =>
        $"DROP CONTINUOUS QUERY {Ident(_options.ContinuousQuery)} ON {Ident(_database)}";

    /// <summary>Builds summaries for whole days in [<paramref name="from"/>, <paramref name="to"/>), e.g. after importing history.</summary>
    public string Backfill(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.UtcDateTime.Date;
        var end = to.UtcDateTime.Date;
        return SummarySelect(
            $"time >= '{start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}' AND time < '{end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}'");
    }

    /// <summary>InfluxQL duration literal in whole hours (InfluxDB normalizes to h/m/s anyway).</summary>
    internal static string Duration(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(value.TotalHours)}h");

    /// <summary>A double-quoted InfluxQL identifier.</summary>
    internal static string Ident(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
