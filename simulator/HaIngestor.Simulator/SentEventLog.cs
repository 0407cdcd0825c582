using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator;

/// <summary>
/// Per entity, the <c>state_changed</c> events fired on the bus and those written to a client's socket, each by
/// the timestamp a point of it carries (<c>new_state.last_updated</c>, or <c>time_fired</c> for a removal) in
/// microseconds since the Unix epoch. The fault suite's account starts here: what Home Assistant sent. An event
/// fired while no client was subscribed (a restart, a revoked token, a stall) is fired but never sent.
/// </summary>
internal sealed class SentEventLog : IEventListener
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (List<long> Fired, List<long> Sent)> _entities = new(StringComparer.Ordinal);

    /// <summary>Called under the home's lock for every event on the bus.</summary>
    public void OnEvent(PublishedEvent published)
    {
        if (Key(published) is { } key)
        {
            lock (_gate)
            {
                Entity(key.EntityId).Fired.Add(key.Micros);
            }
        }
    }

    /// <summary>Records the bus events of one frame once the frame is on the wire.</summary>
    public void Sent(List<PublishedEvent> frame)
    {
        if (frame.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var published in frame)
            {
                if (Key(published) is { } key)
                {
                    Entity(key.EntityId).Sent.Add(key.Micros);
                }
            }
        }
    }

    /// <summary><c>{"entities":{"light.kitchen":{"fired":[µs,...],"sent":[µs,...]},...}}</c>.</summary>
    public byte[] ToJson()
    {
        lock (_gate)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("entities");
                foreach (var (entityId, (fired, sent)) in _entities)
                {
                    writer.WriteStartObject(entityId);
                    WriteArray(writer, "fired", fired);
                    WriteArray(writer, "sent", sent);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, List<long> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private (List<long> Fired, List<long> Sent) Entity(string entityId)
    {
        if (!_entities.TryGetValue(entityId, out var lists))
        {
            lists = ([], []);
            _entities[entityId] = lists;
        }

        return lists;
    }

    private static (string EntityId, long Micros)? Key(PublishedEvent published)
    {
        var haEvent = published.Event;
        if (haEvent.EventType != "state_changed" || published.EntityId is not { } entityId)
        {
            return null;
        }

        var time = haEvent.NewState?.LastUpdated ?? haEvent.TimeFired;
        return (entityId, (time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
    }
}
