using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>
/// The compressed entity format of <c>subscribe_entities</c>: additions under "a" (s, a, c, lc, lu), changes under
/// "c" with "+" and "-" parts, removals under "r". Same rules as HA's <c>as_compressed_state</c> and state diff.
/// </summary>
internal static class CompressedStates
{
    public static byte[] Additions(IEnumerable<HaState> states) => HaJson.WriteUtf8(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("a");
        foreach (var state in states)
        {
            w.WritePropertyName(state.EntityId);
            WriteCompressed(w, state);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] ForChange(HaState? oldState, HaState? newState, IReadOnlyDictionary<string, object?> data)
    {
        if (newState is null)
        {
            var entityId = data.TryGetValue("entity_id", out var id) ? id as string : oldState?.EntityId;
            return HaJson.WriteUtf8(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("r");
                w.WriteStringValue(entityId);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        if (oldState is null)
        {
            return Additions([newState]);
        }

        return HaJson.WriteUtf8(w => WriteDiff(w, oldState, newState));
    }

    private static void WriteCompressed(Utf8JsonWriter w, HaState state)
    {
        w.WriteStartObject();
        w.WriteString("s", state.State);
        w.WritePropertyName("a");
        HaJson.WriteValue(w, state.Attributes);
        // A context with neither parent nor user travels as its bare id.
        if (state.Context.ParentId is null && state.Context.UserId is null)
        {
            w.WriteString("c", state.Context.Id);
        }
        else
        {
            w.WritePropertyName("c");
            HaJson.WriteContext(w, state.Context);
        }

        w.WriteNumber("lc", HaJson.UnixSeconds(state.LastChanged));
        if (state.LastUpdated != state.LastChanged)
        {
            w.WriteNumber("lu", HaJson.UnixSeconds(state.LastUpdated));
        }

        w.WriteEndObject();
    }

    private static void WriteDiff(Utf8JsonWriter w, HaState old, HaState current)
    {
        w.WriteStartObject();
        w.WriteStartObject("c");
        w.WriteStartObject(current.EntityId);
        w.WriteStartObject("+");
        if (!string.Equals(old.State, current.State, StringComparison.Ordinal))
        {
            w.WriteString("s", current.State);
        }

        if (old.LastChanged != current.LastChanged)
        {
            w.WriteNumber("lc", HaJson.UnixSeconds(current.LastChanged));
        }
        else if (old.LastUpdated != current.LastUpdated)
        {
            w.WriteNumber("lu", HaJson.UnixSeconds(current.LastUpdated));
        }

        WriteContextDiff(w, old.Context, current.Context);

        var removed = old.Attributes.Keys.Where(k => !current.Attributes.ContainsKey(k)).ToList();
        var changed = current.Attributes
            .Where(kv => !old.Attributes.TryGetValue(kv.Key, out var before) || !HaJson.ValueEquals(before, kv.Value))
            .ToList();
        if (changed.Count > 0)
        {
            w.WritePropertyName("a");
            HaJson.WriteValue(w, changed);
        }

        w.WriteEndObject();
        if (removed.Count > 0)
        {
            w.WriteStartObject("-");
            w.WritePropertyName("a");
            HaJson.WriteValue(w, removed);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteContextDiff(Utf8JsonWriter w, HaContext old, HaContext current)
    {
        var parentChanged = !string.Equals(old.ParentId, current.ParentId, StringComparison.Ordinal);
        var userChanged = !string.Equals(old.UserId, current.UserId, StringComparison.Ordinal);
        var idChanged = !string.Equals(old.Id, current.Id, StringComparison.Ordinal);
        if (!parentChanged && !userChanged)
        {
            if (idChanged)
            {
                w.WriteString("c", current.Id);
            }

            return;
        }

        w.WriteStartObject("c");
        if (parentChanged)
        {
            HaJson.WriteNullableString(w, "parent_id", current.ParentId);
        }

        if (userChanged)
        {
            HaJson.WriteNullableString(w, "user_id", current.UserId);
        }

        if (idChanged)
        {
            w.WriteString("id", current.Id);
        }

        w.WriteEndObject();
    }
}
