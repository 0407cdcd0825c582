using System.Collections.Concurrent;
using System.Text.Json;
using HaIngestor.Connector.Ingestion;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>A thread-safe <see cref="IReceivedEventSink"/> that keeps what it gets (or only its context ids, for bursts).</summary>
internal sealed class CollectingSink(bool keepEvents = true) : IReceivedEventSink
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly ConcurrentDictionary<string, byte> _identities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perEntity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perType = new(StringComparer.Ordinal);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Distinct events by context id, type, entity and time (a service call and its state change share a context).</summary>
    public int UniqueEvents => _identities.Count;

    public IReadOnlyList<ReceivedEvent> Events => [.. _events];

    public void Accept(ReceivedEvent receivedEvent)
    {
        var header = receivedEvent.Header;
        _identities.TryAdd($"{header.ContextId}|{header.EventType}|{header.EntityId}|{header.TimeFired.UtcTicks}", 0);

        _perType.AddOrUpdate(header.EventType, 1, static (_, n) => n + 1);
        if (header.EntityId is { } entityId)
        {
            _perEntity.AddOrUpdate(entityId, 1, static (_, n) => n + 1);
        }

        if (keepEvents)
        {
            _events.Enqueue(receivedEvent);
        }

        Interlocked.Increment(ref _count);
    }

    public int CountFor(string entityId) => _perEntity.TryGetValue(entityId, out var n) ? n : 0;

    public int CountOfType(string eventType) => _perType.TryGetValue(eventType, out var n) ? n : 0;

    public IReadOnlyList<ReceivedEvent> ForEntity(string entityId) =>
        [.. _events.Where(e => string.Equals(e.Header.EntityId, entityId, StringComparison.Ordinal))];

    /// <summary>The <c>ingestor</c> member of an envelope, read as plain JSON.</summary>
    public static JsonElement Metadata(ReceivedEvent receivedEvent)
    {
        using var document = JsonDocument.Parse(receivedEvent.Envelope);
        return document.RootElement.GetProperty("ingestor").Clone();
    }

    /// <summary>The <c>event.data.new_state.state</c> of a state_changed envelope.</summary>
    public static string? NewState(ReceivedEvent receivedEvent)
    {
        using var document = JsonDocument.Parse(receivedEvent.Envelope);
        return document.RootElement.GetProperty("event").GetProperty("data").GetProperty("new_state").GetProperty("state").GetString();
    }
}
