using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Adapters.Retention;
using HaIngestor.Core.Quality;

namespace HaIngestor.Adapters.Quality;

/// <summary>
/// Reads the latest quality point of every entity from InfluxDB over InfluxQL (1.x, 2.x and Cloud Serverless):
/// <c>SELECT * ... GROUP BY "home","entity_id" ORDER BY time DESC LIMIT 1</c>, so each entity's current status.
/// </summary>
public sealed class QualityQuery
{
    private readonly InfluxQlReader _reader;
    private readonly string _measurement;

    internal QualityQuery(InfluxQlReader reader, string measurement)
    {
        _reader = reader;
        _measurement = measurement;
    }

    /// <summary>Creates a query against the database (1.x) or bucket (2.x, Cloud Serverless) events are written to.</summary>
    public static QualityQuery Create(HttpClient http, InfluxDbOptions influx, QualityOptions quality)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(quality);
        var v2 = influx.ApiVersion == InfluxDbApiVersion.V2;
        var authorization = v2 ? new AuthenticationHeaderValue("Token", influx.Token) : InfluxDbEndpoints.BasicAuthorization(influx);
        var reader = new InfluxQlReader(http, InfluxDbEndpoints.BaseUri(influx), v2 ? influx.Bucket! : influx.Database!, v2 ? null : influx.RetentionPolicy, authorization);
        return new QualityQuery(reader, quality.Measurement);
    }

    /// <summary>The database or bucket queried (for messages).</summary>
    public string Database => _reader.Database;

    /// <summary>Each entity's latest quality point within the last <paramref name="days"/> days, worst first.</summary>
    public async Task<IReadOnlyList<QualityRecord>> LatestAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var statement = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT * FROM \"{_measurement.Replace("\"", "\\\"", StringComparison.Ordinal)}\" WHERE time > now() - {days}d GROUP BY \"home\",\"entity_id\" ORDER BY time DESC LIMIT 1");
        var records = new List<QualityRecord>();
        await _reader.ReadSeriesAsync(
            statement,
            10_000,
            series =>
            {
                if (Read(series) is { } record)
                {
                    records.Add(record);
                }

                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return records
            .OrderByDescending(r => r.Status)
            .ThenBy(r => r.Home, StringComparer.Ordinal)
            .ThenBy(r => r.EntityId, StringComparer.Ordinal)
            .ToList();
    }

    private static QualityRecord? Read(JsonElement series)
    {
        var tags = series.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        if (!series.TryGetProperty("columns", out var columns))
        {
            return null;
        }

        var names = columns.EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToList();
        var row = InfluxQlReader.Values(series).FirstOrDefault();
        if (row.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        JsonElement Column(string name) => names.IndexOf(name) is var i and >= 0 && i < row.GetArrayLength() ? row[i] : default;
        string Tag(string name) => tags.ValueKind == JsonValueKind.Object && tags.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : Column(name).ValueKind == JsonValueKind.String ? Column(name).GetString()! : string.Empty;
        double? Number(string name) => Column(name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

        if (!QualityStatusNames.TryParse(Column("status").ValueKind == JsonValueKind.String ? Column("status").GetString() : null, out var status)
            || Column("time") is not { ValueKind: JsonValueKind.Number } time)
        {
            return null;
        }

        var since = DateTimeOffset.FromUnixTimeMilliseconds(time.GetInt64());
        return new QualityRecord(
            Tag("home"),
            Tag("entity_id"),
            Tag("domain"),
            status,
            since,
            since - TimeSpan.FromSeconds(Number("last_seen_age_seconds") ?? 0),
            TimeSpan.FromSeconds(Number("silent_after_seconds") ?? 0),
            Number("typical_interval_seconds") is { } typical ? TimeSpan.FromSeconds(typical) : null,
            Number("unavailable_ratio") ?? 0,
            Number("last_value"));
    }
}
