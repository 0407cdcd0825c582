using System.Globalization;
using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using Microsoft.Extensions.Logging;
using Polly;

namespace HaIngestor.Connector.Transports.EventHubs;

/// <summary>
/// Publishes to Event Hubs in size-bounded batches, one partition key per entity (<c>home/entity_id</c>, or
/// <c>home/event_type</c> for events without an entity) so each entity's events stay in order on one partition.
/// Thin on purpose: batching limits and retries of the wire protocol are the SDK's; sends are wrapped in a Polly
/// retry so a short outage does not reach the journal.
/// </summary>
internal sealed partial class EventHubsTransport(
    EventHubProducerClient producer,
    ResiliencePipeline sendPipeline,
    ConnectorCounters counters,
    ILogger<EventHubsTransport> logger) : IEventTransport
{
    /// <summary>Event type of the heartbeat.</summary>
    public const string HeartbeatEventType = "ha_ingestor_heartbeat";

    public string Name => "eventhubs";

    /// <summary>The partition key of an event.</summary>
    public static string PartitionKeyOf(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        return (receivedEvent.Home ?? "default") + "/" + (receivedEvent.Header.EntityId ?? receivedEvent.Header.EventType);
    }

    public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        // Group by key keeping each key's order; keys go out in the order they first appear.
        var groups = new Dictionary<string, List<ReceivedEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in events)
        {
            var key = PartitionKeyOf(e);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(e);
        }

        foreach (var key in order)
        {
            await SendPartitionAsync(key, groups[key], cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var data = new EventData(HeartbeatMessage(heartbeat)) { ContentType = "application/json" };
        data.Properties["event_type"] = HeartbeatEventType;
        data.Properties["home"] = string.Join(',', heartbeat.Homes);
        using var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = HeartbeatEventType }, cancellationToken).ConfigureAwait(false);
        batch.TryAdd(data);
        await sendPipeline.ExecuteAsync(
            static async (state, ct) => await state.producer.SendAsync(state.batch, ct).ConfigureAwait(false),
            (producer, batch),
            cancellationToken).ConfigureAwait(false);
        counters.AddHeartbeat();
    }

    /// <summary>The heartbeat as a Home Assistant event message, so the functions read it like any other event.</summary>
    public static byte[] HeartbeatMessage(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", 0);
            json.WriteString("type", "event");
            json.WriteStartObject("event");
            json.WriteString("event_type", HeartbeatEventType);
            json.WriteStartObject("data");
            json.WriteStartArray("homes");
            foreach (var home in heartbeat.Homes)
            {
                json.WriteStringValue(home);
            }

            json.WriteEndArray();
            json.WriteNumber("connected_homes", heartbeat.ConnectedHomes);
            json.WriteNumber("journal_depth", heartbeat.JournalDepth);
            json.WriteString("version", heartbeat.Version);
            json.WriteEndObject();
            json.WriteString("origin", "LOCAL");
            json.WriteString("time_fired", heartbeat.SentAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
            json.WriteStartObject("context");
            json.WriteString("id", "heartbeat-" + heartbeat.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            json.WriteNull("parent_id");
            json.WriteNull("user_id");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The event as sent: the envelope as body, routing facts as application properties.</summary>
    public static EventData ToEventData(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        var data = new EventData(receivedEvent.Envelope)
        {
            ContentType = "application/json",
            CorrelationId = receivedEvent.Header.ContextId,
        };
        data.Properties["event_type"] = receivedEvent.Header.EventType;
        data.Properties["home"] = receivedEvent.Home ?? string.Empty;
        data.Properties["catch_up"] = receivedEvent.CatchUp;
        if (receivedEvent.Header.EntityId is { } entityId)
        {
            data.Properties["entity_id"] = entityId;
        }

        return data;
    }

    private async Task SendPartitionAsync(string key, List<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        var options = new CreateBatchOptions { PartitionKey = key };
        var batch = await producer.CreateBatchAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var e in events)
            {
                var data = ToEventData(e);
                if (batch.TryAdd(data))
                {
                    continue;
                }

                if (batch.Count > 0)
                {
                    await SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch.Dispose();
                    batch = await producer.CreateBatchAsync(options, cancellationToken).ConfigureAwait(false);
                    if (batch.TryAdd(data))
                    {
                        continue;
                    }
                }

                // Larger than an empty batch can hold (1 MB on most tiers): it can never be sent, so say so loudly.
                counters.AddOversize();
                Log.EventTooLarge(logger, e.Header.EventType, e.Envelope.Length, batch.MaximumSizeInBytes);
            }

            if (batch.Count > 0)
            {
                await SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }

    private async Task SendBatchAsync(EventDataBatch batch, CancellationToken cancellationToken) =>
        await sendPipeline.ExecuteAsync(
            static async (state, ct) => await state.producer.SendAsync(state.batch, ct).ConfigureAwait(false),
            (producer, batch),
            cancellationToken).ConfigureAwait(false);
}
