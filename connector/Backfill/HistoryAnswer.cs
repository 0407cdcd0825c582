using System.Text.Json;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Reads the result of <c>history/history_during_period</c> in its compressed form (history/websocket_api.py and
/// recorder's <c>row_to_compressed_state</c>): <c>{entity_id: [{"s": state, "a": attributes, "lu": seconds, "lc": seconds}]}</c>,
/// times as float seconds since the epoch, <c>lc</c> left out when equal to <c>lu</c>.
/// </summary>
internal static class HistoryAnswer
{
    /// <summary>Every state of the answer; <paramref name="malformed"/> counts entries that could not be read.</summary>
    public static List<HistoryState> Read(JsonElement result, out int malformed)
    {
        malformed = 0;
        var states = new List<HistoryState>();
        if (result.ValueKind != JsonValueKind.Object)
        {
            return states;
        }

        foreach (var entity in result.EnumerateObject())
        {
            if (entity.Value.ValueKind != JsonValueKind.Array)
            {
                malformed++;
                continue;
            }

            foreach (var row in entity.Value.EnumerateArray())
            {
                if (TryRead(entity.Name, row, out var state))
                {
                    states.Add(state);
                }
                else
                {
                    malformed++;
                }
            }
        }

        return states;
    }

    /// <summary>Reads one compressed state; false when <c>s</c> or <c>lu</c> is missing or of the wrong kind.</summary>
    public static bool TryRead(string entityId, JsonElement row, out HistoryState state)
    {
        state = null!;
        if (row.ValueKind != JsonValueKind.Object
            || !row.TryGetProperty("s", out var s) || s.ValueKind != JsonValueKind.String
            || !row.TryGetProperty("lu", out var lu) || !TryReadSeconds(lu, out var lastUpdated))
        {
            return false;
        }

        var lastChanged = lastUpdated;
        if (row.TryGetProperty("lc", out var lc) && lc.ValueKind != JsonValueKind.Null && !TryReadSeconds(lc, out lastChanged))
        {
            return false;
        }

        var attributes = row.TryGetProperty("a", out var a) && a.ValueKind == JsonValueKind.Object ? a.Clone() : default;
        state = new HistoryState(entityId, s.GetString()!, attributes, lastUpdated, lastChanged);
        return true;
    }

    /// <summary>Float seconds since the epoch to a time, to the microsecond (HA's precision; a double holds it exactly for centuries).</summary>
    public static bool TryReadSeconds(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        var micros = (long)Math.Round(seconds * 1_000_000d, MidpointRounding.AwayFromZero);
        time = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return true;
    }
}
