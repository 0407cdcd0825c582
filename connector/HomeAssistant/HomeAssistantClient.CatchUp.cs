using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.HomeAssistant;

internal sealed partial class HomeAssistantClient
{
    /// <summary>Top-level members of a synthesized event: id, type, event.</summary>
    private const int SynthesizedMembers = 3;

    // Entity -> newest last_updated seen live since the resubscription; only set while catch-up runs.
    private ConcurrentDictionary<string, long>? _liveSinceResubscribe;

    private void OpenCatchUpWindow() =>
        Volatile.Write(ref _liveSinceResubscribe, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));

    private void NoteLiveStateChange(in EventHeader header)
    {
        if (Volatile.Read(ref _liveSinceResubscribe) is { } live && header.EntityId is { } entityId && header.LastUpdated is { } updated)
        {
            live.AddOrUpdate(entityId, updated.UtcTicks, (_, existing) => Math.Max(existing, updated.UtcTicks));
        }
    }

    /// <summary>
    /// After a gap nothing is replayed by Home Assistant: read every state and emit each one updated after the
    /// last event seen before the gap as a synthesized <c>state_changed</c> (old_state null), flagged catch-up. A
    /// Home Assistant restart during the gap gives every entity a new last_updated: the restart-duplicate filter then
    /// drops those whose state and attributes are the ones already passed on.
    /// </summary>
    private async Task CatchUpAsync(HomeAssistantConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            using var reply = (await connection.SendCommandAsync("get_states", null, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess("get_states");
            var live = Volatile.Read(ref _liveSinceResubscribe);
            var count = 0;
            var buffer = new ArrayBufferWriter<byte>(4096);
            var envelope = new ArrayBufferWriter<byte>(4096);
            if (reply.Result.ValueKind == JsonValueKind.Array)
            {
                foreach (var state in reply.Result.EnumerateArray())
                {
                    if (!TryReadState(state, out var entityId, out var lastUpdated, out var lastUpdatedText) || lastUpdated <= since)
                    {
                        continue;
                    }

                    // A live event already carried this state or a newer one: emitting the snapshot would add nothing.
                    if (live is not null && live.TryGetValue(entityId, out var liveTicks) && liveTicks >= lastUpdated.UtcTicks)
                    {
                        continue;
                    }

                    if (_duplicates is not null && _filter.Allows(entityId) && _duplicates.IsDuplicateSnapshot(state, entityId))
                    {
                        _status.OnEvent(filtered: false, catchUp: true);
                        _status.OnRestartDuplicate();
                        continue;
                    }

                    buffer.ResetWrittenCount();
                    WriteSynthesizedStateChanged(buffer, state, entityId, lastUpdatedText);

                    // Written here, so its header and members are known: nothing reads the message back.
                    var updated = lastUpdated.ToUniversalTime();
                    var header = new EventHeader("state_changed", entityId, updated, ReadContextId(state), updated);
                    var message = new HaMessage(HaMessageType.Event, 0, buffer.WrittenMemory) { Header = header, MemberCount = SynthesizedMembers };
                    if (Deliver(message, header, catchUp: true, envelope, checkDuplicate: false))
                    {
                        count++;
                    }
                }
            }

            Log.CatchUpDone(_logger, _displayName, count, since);
        }
        catch (HomeAssistantCommandException ex)
        {
            Log.CatchUpFailed(_logger, _displayName, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _liveSinceResubscribe, null);
        }
    }

    private static bool TryReadState(JsonElement state, out string entityId, out DateTimeOffset lastUpdated, out string lastUpdatedText)
    {
        entityId = string.Empty;
        lastUpdated = default;
        lastUpdatedText = string.Empty;
        if (state.ValueKind != JsonValueKind.Object
            || !state.TryGetProperty("entity_id", out var id) || id.GetString() is not { Length: > 0 } idText
            || !state.TryGetProperty("last_updated", out var updated) || updated.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        entityId = idText;
        lastUpdatedText = updated.GetString()!;
        return DateTimeOffset.TryParse(lastUpdatedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out lastUpdated);
    }

    private static string? ReadContextId(JsonElement state) =>
        state.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
        && context.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>The event Home Assistant would have sent: time_fired = last_updated, context = the state's context.</summary>
    private static void WriteSynthesizedStateChanged(IBufferWriter<byte> output, JsonElement state, string entityId, string lastUpdated)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, 0);
        writer.WriteString("type"u8, "event"u8);
        writer.WriteStartObject("event"u8);
        writer.WriteString("event_type"u8, "state_changed"u8);
        writer.WriteStartObject("data"u8);
        writer.WriteString("entity_id"u8, entityId);
        writer.WriteNull("old_state"u8);
        writer.WritePropertyName("new_state"u8);
        state.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteString("origin"u8, "LOCAL"u8);
        writer.WriteString("time_fired"u8, lastUpdated);
        writer.WritePropertyName("context"u8);
        if (state.TryGetProperty("context", out var context))
        {
            context.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
