using System.Buffers;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Turns what the recorder answered into the events a live run hands its transport: each recorded state as its
/// <c>state_changed</c> (<see cref="HistoryEvents"/>), wrapped with the home and the entity's area and device; each
/// hour of a statistic as a <see cref="StatisticsEvent"/>. The headers are built from what was decoded, so the only
/// read of a message is the pipeline's.
/// </summary>
internal static class BackfillEvents
{
    /// <summary>The events of <paramref name="states"/>, in order.</summary>
    public static List<ReceivedEvent> States(IReadOnlyList<HistoryState> states, string? home, RegistrySnapshot registry, DateTimeOffset receivedAt)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        var envelope = new ArrayBufferWriter<byte>(4096);
        var events = new List<ReceivedEvent>(states.Count);
        foreach (var state in states)
        {
            message.ResetWrittenCount();
            HistoryEvents.Write(message, state);
            var placement = registry.Lookup(state.EntityId);
            envelope.ResetWrittenCount();
            IngestEnvelope.Wrap(
                new HaMessage(HaMessageType.Event, 0, message.WrittenMemory) { MemberCount = HistoryEvents.MemberCount },
                new IngestMetadata(home, placement.Area, placement.Device, CatchUp: false),
                envelope);

            // As the catch-up after a reconnect: the message was written here, so its header is known without reading it.
            var updated = state.LastUpdated.ToUniversalTime();
            var header = new EventHeader("state_changed", state.EntityId, updated, null, updated);
            events.Add(new ReceivedEvent(envelope.WrittenSpan.ToArray(), header, home, CatchUp: false, receivedAt));
        }

        return events;
    }

    /// <summary>The events of <paramref name="points"/>, keyed by statistic id so Event Hubs spreads them over its partitions.</summary>
    public static List<ReceivedEvent> Statistics(IReadOnlyList<StatisticPoint> points, string? home, DateTimeOffset receivedAt)
    {
        var message = new ArrayBufferWriter<byte>(512);
        var envelope = new ArrayBufferWriter<byte>(512);
        var events = new List<ReceivedEvent>(points.Count);
        foreach (var point in points)
        {
            message.ResetWrittenCount();
            StatisticsEvent.Write(message, point);
            envelope.ResetWrittenCount();
            IngestEnvelope.Wrap(
                new HaMessage(HaMessageType.Event, 0, message.WrittenMemory) { MemberCount = StatisticsEvent.MemberCount },
                new IngestMetadata(home, null, null, CatchUp: false),
                envelope);
            var header = new EventHeader(StatisticsEvent.EventType, point.StatisticId, point.Start, null, null);
            events.Add(new ReceivedEvent(envelope.WrittenSpan.ToArray(), header, home, CatchUp: false, receivedAt));
        }

        return events;
    }
}
