using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Validation;

namespace HaIngestor.Core.Mapping;

/// <summary>
/// One hour of a long-term statistic as an event message, so it travels like any other event (Event Hubs bodies,
/// dead letters) and both hosts write it through the same pipeline into <c>home_assistant_statistics</c>:
/// <c>{"id":0,"type":"event","event":{"event_type":"ha_ingestor_statistics","data":{"version":1,"statistic_id":..,
/// "mean":..,"min":..,"max":..,"state":..,"sum":..,"change":..},"origin":"LOCAL","time_fired":hour start}}</c>.
/// Values the statistic does not have are left out; the hour's start is <c>time_fired</c>, the point's timestamp.
/// </summary>
public static class StatisticsEvent
{
    /// <summary>The event type.</summary>
    public const string EventType = "ha_ingestor_statistics";

    /// <summary>The version of <c>data</c> this build writes and reads; a record of another version is rejected, never guessed at.</summary>
    public const int Version = 1;

    /// <summary>Top-level members of a written message (id, type, event), for wrapping it without another scan.</summary>
    public const int MemberCount = 3;

    // As Home Assistant writes JSON: UTF-8 as it is, no escaped '+' in the offset that every reader would unescape.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static ReadOnlySpan<byte> EventTypeUtf8 => "ha_ingestor_statistics"u8;

    /// <summary>Writes the event message of <paramref name="point"/>; non-finite values are left out as the mapper would drop them.</summary>
    public static void Write(IBufferWriter<byte> output, StatisticPoint point)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(point);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, 0);
        writer.WriteString("type"u8, "event"u8);
        writer.WriteStartObject("event"u8);
        writer.WriteString("event_type"u8, EventTypeUtf8);
        writer.WriteStartObject("data"u8);
        writer.WriteNumber("version"u8, Version);
        writer.WriteString("statistic_id"u8, point.StatisticId);
        Number(writer, "mean"u8, point.Mean);
        Number(writer, "min"u8, point.Min);
        Number(writer, "max"u8, point.Max);
        Number(writer, "state"u8, point.State);
        Number(writer, "sum"u8, point.Sum);
        Number(writer, "change"u8, point.Change);
        writer.WriteEndObject();
        writer.WriteString("origin"u8, "LOCAL"u8);
        writer.WriteString("time_fired"u8, point.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads the <c>data</c> object of a statistics event (its JSON text) into a point at <paramref name="start"/>.
    /// Details are constant texts: they never echo the input.
    /// </summary>
    internal static RejectReason TryRead(ReadOnlySpan<byte> data, DateTimeOffset start, out StatisticPoint point, out string? detail)
    {
        point = null!;
        detail = null;
        int? version = null;
        string? statisticId = null;
        var idKind = JsonTokenType.None;
        double? mean = null, min = null, max = null, state = null, sum = null, change = null;
        var reader = new Utf8JsonReader(data, Parsing.HaFrameReader.ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("version"u8) ? 1
                : reader.ValueTextEquals("statistic_id"u8) ? 2
                : reader.ValueTextEquals("mean"u8) ? 3
                : reader.ValueTextEquals("min"u8) ? 4
                : reader.ValueTextEquals("max"u8) ? 5
                : reader.ValueTextEquals("state"u8) ? 6
                : reader.ValueTextEquals("sum"u8) ? 7
                : reader.ValueTextEquals("change"u8) ? 8
                : 0;
            reader.Read();
            switch (name)
            {
                case 1:
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : -1;
                    break;
                case 2:
                    idKind = reader.TokenType;
                    statisticId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case >= 3 and <= 8:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        detail = "A statistic value (mean, min, max, state, sum, change) is neither a number nor null.";
                        return RejectReason.WrongJsonKind;
                    }

                    _ = name switch
                    {
                        3 => mean = number,
                        4 => min = number,
                        5 => max = number,
                        6 => state = number,
                        7 => sum = number,
                        _ => change = number,
                    };
                    break;
            }

            reader.Skip();
        }

        if (version != Version)
        {
            detail = "The statistic record has no data.version or one this build does not read (it reads version 1).";
            return RejectReason.UnsupportedVersion;
        }

        if (idKind == JsonTokenType.None)
        {
            detail = "The statistic record has no statistic_id.";
            return RejectReason.MissingEntityId;
        }

        if (statisticId is null || !IsStatisticId(statisticId))
        {
            detail = "statistic_id is not 'domain.object_id' (or an external 'domain:object_id') of lowercase ASCII letters, digits and underscores.";
            return idKind == JsonTokenType.String ? RejectReason.MalformedEntityId : RejectReason.WrongJsonKind;
        }

        point = new StatisticPoint(statisticId, start, mean, min, max, state, sum, change);
        if (!point.HasValue)
        {
            detail = "The statistic record has none of mean, min, max, state, sum, change.";
            return RejectReason.WrongJsonKind;
        }

        return RejectReason.None;
    }

    /// <summary>An entity's statistic id is its entity id; an external statistic's has a colon in the dot's place.</summary>
    private static bool IsStatisticId(string statisticId)
    {
        Span<byte> utf8 = stackalloc byte[EntityIdRules.MaxLength];
        if (statisticId.Length > utf8.Length || Encoding.UTF8.GetByteCount(statisticId) > utf8.Length)
        {
            return false;
        }

        var length = Encoding.UTF8.GetBytes(statisticId, utf8);
        var id = utf8[..length];
        var colon = id.IndexOf((byte)':');
        if (colon >= 0 && id.IndexOf((byte)'.') < 0)
        {
            id[colon] = (byte)'.';
        }

        return EntityIdRules.IsValid(id, out _);
    }

    private static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
    }
}
