using System.Globalization;
using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>
/// The recorder's read commands, answered from <see cref="RecordedHistory"/> with the rules and formats of
/// <c>homeassistant/components/history/websocket_api.py</c> and <c>recorder/websocket_api.py</c>.
/// </summary>
internal sealed partial class ClientSession
{
    // history.SIGNIFICANT_DOMAINS: every change of these counts, not only state changes.
    private static readonly string[] SignificantDomains = ["climate", "device_tracker", "humidifier", "thermostat", "water_heater"];

    // history.NEED_ATTRIBUTE_DOMAINS: no_attributes does not strip these.
    private static readonly string[] NeedAttributeDomains = ["climate", "humidifier", "input_datetime", "thermostat", "water_heater"];

    private static readonly string[] StatisticTypes = ["change", "last_reset", "max", "mean", "min", "state", "sum"];

    private void HistoryDuringPeriod(long id, JsonElement msg)
    {
        Schema.Allow(msg, "start_time", "end_time", "entity_ids", "include_start_time_state", "significant_changes_only", "minimal_response", "no_attributes");
        var startText = Schema.Required(msg, "start_time", JsonValueKind.String).GetString()!;
        var endText = Schema.OptionalString(msg, "end_time");
        var entityIds = StringList(msg, "entity_ids", required: true)!;
        var includeStart = OptionalBool(msg, "include_start_time_state", true);
        var significantOnly = OptionalBool(msg, "significant_changes_only", true);
        var minimal = OptionalBool(msg, "minimal_response", false);
        var noAttributes = OptionalBool(msg, "no_attributes", false);
        if (!TryParseTime(startText, out var start))
        {
            Reply(Error(id, "invalid_start_time", "Invalid start_time"));
            return;
        }

        DateTimeOffset? end = null;
        if (!string.IsNullOrEmpty(endText))
        {
            if (!TryParseTime(endText, out var parsedEnd))
            {
                Reply(Error(id, "invalid_end_time", "Invalid end_time"));
                return;
            }

            end = parsedEnd;
        }

        var history = _runtime.History;
        if (start <= _runtime.Time.GetUtcNow() && entityIds.Any(e => !history.Has(e) && !ValidEntityId().IsMatch(e)))
        {
            // As HA checks after the times: an id that is neither a known entity nor well-formed.
            Reply(Error(id, "invalid_entity_ids", "Invalid entity_ids"));
            return;
        }

        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WriteStartObject("result");
            if (start <= _runtime.Time.GetUtcNow())
            {
                foreach (var entityId in entityIds.Distinct(StringComparer.Ordinal))
                {
                    WriteEntityHistory(w, history, entityId, start, end, includeStart, significantOnly, minimal, noAttributes);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteEntityHistory(
        Utf8JsonWriter w, RecordedHistory history, string entityId, DateTimeOffset start, DateTimeOffset? end,
        bool includeStart, bool significantOnly, bool minimal, bool noAttributes)
    {
        var domain = entityId[..Math.Max(0, entityId.IndexOf('.', StringComparison.Ordinal))];
        var significantDomain = SignificantDomains.Contains(domain, StringComparer.Ordinal);
        var keepAttributes = !noAttributes || NeedAttributeDomains.Contains(domain, StringComparer.Ordinal);
        HaState? before = null;
        var written = 0;
        foreach (var state in history.StatesOf(entityId))
        {
            if (state.LastUpdated <= start)
            {
                before = state;
                continue;
            }

            if (end is { } e && state.LastUpdated >= e)
            {
                break;
            }

            // The recorder's significant filter: outside the significant domains only rows that changed the state.
            if (significantOnly && !significantDomain && state.LastChanged != state.LastUpdated)
            {
                continue;
            }

            if (written == 0 && includeStart && before is not null)
            {
                Begin(w, entityId);
                WriteCompressed(w, before, keepAttributes, startTime: start);
                written++;
            }

            if (written == 0)
            {
                Begin(w, entityId);
            }

            // minimal_response: after the first, only state and time for the ordinary domains.
            WriteCompressed(w, state, keepAttributes && !(minimal && written > 0 && !significantDomain), startTime: null);
            written++;
        }

        if (written == 0 && includeStart && before is not null)
        {
            Begin(w, entityId);
            WriteCompressed(w, before, keepAttributes, startTime: start);
            written++;
        }

        if (written > 0)
        {
            w.WriteEndArray();
        }

        static void Begin(Utf8JsonWriter w, string entityId) => w.WriteStartArray(entityId);
    }

    /// <summary>HA's <c>row_to_compressed_state</c>: s, a, lu (seconds as a float) and lc only when it differs; a start-time state carries the start time.</summary>
    private static void WriteCompressed(Utf8JsonWriter w, HaState state, bool attributes, DateTimeOffset? startTime)
    {
        w.WriteStartObject();
        w.WriteString("s", state.State);
        if (attributes)
        {
            w.WritePropertyName("a");
            HaJson.WriteValue(w, state.Attributes);
        }

        if (startTime is { } clamped)
        {
            w.WriteNumber("lu", HaJson.UnixSeconds(clamped));
        }
        else
        {
            w.WriteNumber("lu", HaJson.UnixSeconds(state.LastUpdated));
            if (state.LastChanged != state.LastUpdated)
            {
                w.WriteNumber("lc", HaJson.UnixSeconds(state.LastChanged));
            }
        }

        w.WriteEndObject();
    }

    private void StatisticsDuringPeriod(long id, JsonElement msg)
    {
        Schema.Allow(msg, "start_time", "end_time", "statistic_ids", "period", "units", "types");
        var startText = Schema.Required(msg, "start_time", JsonValueKind.String).GetString()!;
        var endText = Schema.OptionalString(msg, "end_time");
        var statisticIds = StringList(msg, "statistic_ids", required: true)!;
        if (statisticIds.Count == 0)
        {
            throw new InvalidFormatException("length of value must be at least 1 for dictionary value @ data['statistic_ids']. Got []");
        }

        var period = Schema.Required(msg, "period", JsonValueKind.String).GetString();
        if (period is not ("5minute" or "hour" or "day" or "week" or "month"))
        {
            throw new InvalidFormatException($"value must be one of ['5minute', 'day', 'hour', 'month', 'week'] for dictionary value @ data['period']. Got '{period}'");
        }

        var types = StringList(msg, "types", required: false) ?? [.. StatisticTypes];
        if (types.FirstOrDefault(t => !StatisticTypes.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidFormatException($"value must be one of ['change', 'last_reset', 'max', 'mean', 'min', 'state', 'sum'] @ data['types'][0]. Got '{unknown}'");
        }

        if (!TryParseTime(startText, out var start))
        {
            Reply(Error(id, "invalid_start_time", "Invalid start_time"));
            return;
        }

        var end = DateTimeOffset.MaxValue;
        if (!string.IsNullOrEmpty(endText) && !TryParseTime(endText, out end))
        {
            Reply(Error(id, "invalid_end_time", "Invalid end_time"));
            return;
        }

        if (period != "hour")
        {
            // Only the hourly table is simulated; the others are HA's aggregates of it.
            Reply(Result(id, new Dictionary<string, object?>()));
            return;
        }

        var history = _runtime.History;
        var known = statisticIds.Distinct(StringComparer.Ordinal)
            .Select(statisticId => (Id: statisticId, Class: history.InitialOf(statisticId) is { } initial && initial.Attributes.TryGetValue("state_class", out var c) ? c as string : null, Initial: history.InitialOf(statisticId)))
            .Where(s => s.Class is "measurement" or "total" or "total_increasing")
            .ToList();

        // statistics._extract_metadata_and_discard_impossible_columns: a column none of the requested statistics has
        // is left out; the others are in every row, null where a statistic has no such value. change needs sum.
        var columns = new StatisticColumns(
            Mean: known.Any(s => s.Class == "measurement"),
            Sum: known.Any(s => s.Class != "measurement"),
            Types: types);
        Reply(HaJson.Write(w =>
        {
            WriteResultStart(w, id);
            w.WriteStartObject("result");
            foreach (var (statisticId, _, initial) in known)
            {
                var rows = RecordedStatistics.HourlyOf(history, initial!).Where(r => r.Start >= start && r.Start < end).ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                w.WriteStartArray(statisticId);
                foreach (var row in rows)
                {
                    WriteStatisticRow(w, row, columns);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// A row as the websocket API sends it (recorder/websocket_api.py <c>_ws_get_statistics_during_period</c>): start and
    /// end as integer milliseconds, last_reset too when asked for, then the requested columns.
    /// </summary>
    private static void WriteStatisticRow(Utf8JsonWriter w, StatisticRow row, StatisticColumns columns)
    {
        w.WriteStartObject();
        w.WriteNumber("start", row.Start.ToUnixTimeMilliseconds());
        w.WriteNumber("end", row.Start.AddHours(1).ToUnixTimeMilliseconds());
        if (columns.Types.Contains("last_reset"))
        {
            // The simulated meters never reset.
            w.WriteNull("last_reset");
        }

        Column("mean", row.Mean, columns.Mean);
        Column("min", row.Min, columns.Mean);
        Column("max", row.Max, columns.Mean);
        Column("state", row.State, columns.Sum);
        Column("sum", row.Sum, columns.Sum);
        Column("change", row.Change, columns.Sum);
        w.WriteEndObject();

        void Column(string name, double? value, bool present)
        {
            if (!present || !columns.Types.Contains(name))
            {
                return;
            }

            if (value is { } v)
            {
                w.WriteNumber(name, Math.Round(v, 6));
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?!.+__)(?!_)[\da-z_]+(?<!_)\.(?!_)[\da-z_]+(?<!_)$")]
    private static partial System.Text.RegularExpressions.Regex ValidEntityId();

    /// <summary>Which statistic columns an answer has.</summary>
    private readonly record struct StatisticColumns(bool Mean, bool Sum, IReadOnlyList<string> Types);

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        time = time.ToUniversalTime();
        return ok;
    }

    private static bool OptionalBool(JsonElement msg, string key, bool fallback)
    {
        if (!msg.TryGetProperty(key, out var value))
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidFormatException($"expected bool for dictionary value @ data['{key}']. Got {value.GetRawText()}"),
        };
    }

    private static List<string>? StringList(JsonElement msg, string key, bool required)
    {
        if (!msg.TryGetProperty(key, out var value))
        {
            return required ? throw new InvalidFormatException($"required key not provided @ data['{key}']. Got None") : null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new InvalidFormatException($"expected a list for dictionary value @ data['{key}']. Got {value.GetRawText()}");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }
}
