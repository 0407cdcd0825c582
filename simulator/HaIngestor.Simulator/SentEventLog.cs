using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator;

/// <summary>
/// Per entity, the <c>state_changed</c> events fired on the bus and those written to a client's socket, each by
/// the timestamp a point of it carries (<c>new_state.last_updated</c>, or <c>time_fired</c> for a removal) in
/// microseconds since the Unix epoch. The fault suite's account starts here: what Home Assistant sent. An event
/// fired while no client was subscribed (a restart, a revoked token, a stall) is fired but never sent. Per
/// connection, what was sent on it frame by frame and who ended it (<see cref="ConnectionDeliveryRecord"/>): that is
/// how the account tells an event sent into a connection that broke before the client read it (Home Assistant never
/// delivers it again) from one the client read.
/// </summary>
internal sealed class SentEventLog : IEventListener
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (List<long> Fired, List<long> Sent)> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ConnectionDeliveryRecord> _connections = [];

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

    /// <summary>Records the bus events of one frame written to connection <paramref name="connectionId"/>, once the frame is on the wire.</summary>
    public void Sent(long connectionId, List<PublishedEvent> frame)
    {
        if (frame.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            List<(string, long)>? events = null;
            foreach (var published in frame)
            {
                if (Key(published) is { } key)
                {
                    Entity(key.EntityId).Sent.Add(key.Micros);
                    events ??= [];
                    events.Add(key);
                }
            }

            if (events is not null)
            {
                if (!_connections.TryGetValue(connectionId, out var connection))
                {
                    connection = new ConnectionDeliveryRecord(connectionId);
                    _connections[connectionId] = connection;
                }

                connection.Frames.Add(events);
            }
        }
    }

    /// <summary>Records how a connection ended: by the simulator (<paramref name="byServer"/>) or by its client.</summary>
    public void Ended(long connectionId, bool byServer)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var connection))
            {
                connection.EndedByServer ??= byServer;
            }
        }
    }

    /// <summary>
    /// <c>{"entities":{"light.kitchen":{"fired":[µs,...],"sent":[µs,...]},...},"connections":[{"id":1,"ended":"server",
    /// "frames":[[["light.kitchen",µs],...],...]},...]}</c>; <c>ended</c> is <c>open</c>, <c>server</c> or <c>client</c>.
    /// </summary>
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
                writer.WriteStartArray("connections");
                foreach (var connection in _connections.Values.OrderBy(c => c.Id))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", connection.Id);
                    writer.WriteString("ended", connection.EndedByServer switch { null => "open", true => "server", false => "client" });
                    writer.WriteStartArray("frames");
                    foreach (var frame in connection.Frames)
                    {
                        writer.WriteStartArray();
                        foreach (var (entityId, micros) in frame)
                        {
                            writer.WriteStartArray();
                            writer.WriteStringValue(entityId);
                            writer.WriteNumberValue(micros);
                            writer.WriteEndArray();
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
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
