using System.Globalization;
using System.Text;
using System.Text.Json;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// Computes the daily summaries with InfluxQL and writes them through the line-protocol sink: the continuous query's
/// work, for servers without one (Cloud Serverless has no task engine and no <c>SELECT ... INTO</c>). Only
/// statements both InfluxDB 1.x and Serverless accept are used: <c>SHOW MEASUREMENTS</c>, <c>SHOW FIELD KEYS</c>,
/// <c>SHOW TAG KEYS</c> and one aggregate <c>SELECT</c> per measurement, grouped by day and every tag key.
/// The summary points are written exactly as the 1.x continuous query writes them (same measurement, tags, field
/// names and types, the day's start as timestamp), so both paths can feed one target without a type conflict.
/// </summary>
internal sealed class DailySummarizer : IDailySummarizer, IDisposable
{
    private readonly InfluxQlReader _reader;
    private readonly ILineProtocolSink _sink;
    private readonly SummaryOptions _options;
    private readonly int _maxLinesPerWrite;
    private readonly int _maxBytesPerWrite;
    private readonly SummaryMetrics? _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public DailySummarizer(
        InfluxQlReader reader,
        ILineProtocolSink sink,
        SummaryOptions options,
        int maxLinesPerWrite,
        int maxBytesPerWrite,
        SummaryMetrics? metrics,
        TimeProvider timeProvider,
        ILogger<DailySummarizer> logger)
    {
        _reader = reader;
        _sink = sink;
        _options = options;
        _maxLinesPerWrite = maxLinesPerWrite;
        _maxBytesPerWrite = maxBytesPerWrite;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<SummaryReport> SummarizeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var days = Math.Max(0, to.DayNumber - from.DayNumber);
        if (days == 0)
        {
            return new SummaryReport(0, 0, 0, TimeSpan.Zero);
        }

        var measurements = 0;
        var points = 0L;
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);
        foreach (var measurement in await _reader.ReadFirstColumnAsync("SHOW MEASUREMENTS", _options.ChunkSize, cancellationToken).ConfigureAwait(false))
        {
            if (!await HasNumericValueAsync(measurement, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var tagKeys = await _reader.ReadFirstColumnAsync($"SHOW TAG KEYS FROM {InfluxQlRetentionPlan.Ident(measurement)}", _options.ChunkSize, cancellationToken).ConfigureAwait(false);
            await _reader.ReadSeriesAsync(
                SummarySelect(measurement, tagKeys, from, to),
                _options.ChunkSize,
                async series =>
                {
                    points += AddPoints(writer, measurement, tagKeys, series);

                    // Written whenever a batch is full, so memory stays bounded by the sink's request limits and the
                    // query's chunk size, not by the size of the measurement.
                    if (writer.LineCount >= _maxLinesPerWrite || writer.WrittenCount >= _maxBytesPerWrite)
                    {
                        await FlushAsync(writer, cancellationToken).ConfigureAwait(false);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            measurements++;
        }

        await FlushAsync(writer, cancellationToken).ConfigureAwait(false);
        var duration = _timeProvider.GetElapsedTime(started);
        _metrics?.Record(points, duration);
        Log.SummaryWritten(_logger, days, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), measurements, points, (long)duration.TotalMilliseconds);
        return new SummaryReport(days, measurements, points, duration);
    }

    public void Dispose() => (_sink as IDisposable)?.Dispose();

    /// <summary>The aggregate query: one row per series and day that has a <c>value</c>, none for empty days (<c>fill(none)</c>).</summary>
    internal static string SummarySelect(string measurement, IReadOnlyList<string> tagKeys, DateOnly from, DateOnly to)
    {
        var text = new StringBuilder(256)
            .Append("SELECT mean(\"value\") AS \"value_mean\", min(\"value\") AS \"value_min\", max(\"value\") AS \"value_max\", count(\"value\") AS \"value_count\" FROM ")
            .Append(InfluxQlRetentionPlan.Ident(measurement))
            .Append(" WHERE time >= '").Append(Day(from)).Append("' AND time < '").Append(Day(to)).Append("' GROUP BY time(1d)");
        foreach (var key in tagKeys)
        {
            text.Append(", ").Append(InfluxQlRetentionPlan.Ident(key));
        }

        return text.Append(" fill(none)").ToString();
    }

    private async Task<bool> HasNumericValueAsync(string measurement, CancellationToken cancellationToken)
    {
        // mean() of a string field is an error on 1.x; a measurement whose "value" is not numeric has nothing to summarize.
        var numeric = false;
        await _reader.ReadSeriesAsync(
            $"SHOW FIELD KEYS FROM {InfluxQlRetentionPlan.Ident(measurement)}",
            _options.ChunkSize,
            series =>
            {
                foreach (var row in InfluxQlReader.Values(series))
                {
                    if (row.GetArrayLength() >= 2 && row[0].GetString() == "value" && row[1].GetString() is "float" or "integer")
                    {
                        numeric = true;
                    }
                }

                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return numeric;
    }

    /// <summary>Adds one summary line per row of <paramref name="series"/>; returns how many.</summary>
    internal static int AddPoints(LineProtocolWriter writer, string measurement, IReadOnlyList<string> tagKeys, JsonElement series)
    {
        var columns = series.GetProperty("columns");
        int time = -1, mean = -1, min = -1, max = -1, count = -1, index = 0;
        List<(string Key, int Column)>? tagColumns = null;
        foreach (var column in columns.EnumerateArray())
        {
            var name = column.GetString();
            switch (name)
            {
                case "time": time = index; break;
                case "value_mean": mean = index; break;
                case "value_min": min = index; break;
                case "value_max": max = index; break;
                case "value_count": count = index; break;
                case not null when tagKeys.Contains(name):
                    (tagColumns ??= []).Add((name, index));
                    break;
            }

            index++;
        }

        var added = 0;

        // 1.x answers a GROUP BY with a "tags" object per series; a server that returns the group keys as columns
        // instead (the tabular form InfluxDB 3 documents) is read from those columns.
        var hasTags = series.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object;
        foreach (var row in InfluxQlReader.Values(series))
        {
            if (time < 0 || count < 0 || row[count].ValueKind != JsonValueKind.Number || row[count].GetInt64() == 0)
            {
                continue;
            }

            writer.BeginLine(measurement);
            if (hasTags)
            {
                foreach (var tag in tags.EnumerateObject())
                {
                    // A series without the tag comes back with "": the writer leaves empty tags out, as the raw point had it.
                    writer.Tag(tag.Name, tag.Value.GetString());
                }
            }
            else if (tagColumns is not null)
            {
                foreach (var (key, column) in tagColumns)
                {
                    writer.Tag(key, row[column].ValueKind == JsonValueKind.String ? row[column].GetString() : null);
                }
            }

            AddFloat(writer, DailySummaryKeys.Mean.Utf8, row, mean);
            AddFloat(writer, DailySummaryKeys.Min.Utf8, row, min);
            AddFloat(writer, DailySummaryKeys.Max.Utf8, row, max);
            writer.Field(DailySummaryKeys.Count.Utf8, row[count].GetInt64());
            if (writer.EndLine(DateTimeOffset.FromUnixTimeMilliseconds(row[time].GetInt64())))
            {
                added++;
            }
        }

        return added;
    }

    private static void AddFloat(LineProtocolWriter writer, ReadOnlySpan<byte> key, JsonElement row, int column)
    {
        if (column >= 0 && row[column].ValueKind == JsonValueKind.Number)
        {
            writer.Field(key, row[column].GetDouble());
        }
    }

    private async Task FlushAsync(LineProtocolWriter writer, CancellationToken cancellationToken)
    {
        if (writer.LineCount == 0)
        {
            return;
        }

        var result = await _sink.WriteAsync(writer.WrittenMemory, writer.LineCount, cancellationToken).ConfigureAwait(false);
        if (result.RejectedLines.Count > 0)
        {
            throw new InvalidOperationException(
                $"InfluxDB refused {result.RejectedLines.Count} of {writer.LineCount} summary points: {result.Reason}");
        }

        writer.Clear();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
