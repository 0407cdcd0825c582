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
/// Publishes to Event Hubs in as few sends as the batch needs: each event's partition key (<c>home/entity_id</c>, or
/// <c>home/event_type</c> for events without an entity) is mapped to a partition with <see cref="PartitionMap"/>, and
/// the events of each partition go out in <see cref="EventDataBatch"/>es addressed to that partition id, split only
/// when one is full. An entity is always on the same partition and its events keep their order; the partitions are
/// sent concurrently. The partition ids are read once and again after a failed send. Retries: the SDK's are off
/// (see <see cref="EventHubsTransportExtensions.CreateClientOptions"/>); <c>sendPipeline</c> is the one short retry,
/// after which the buffer journals the batch.
/// </summary>
internal sealed partial class EventHubsTransport(
    EventHubProducerClient producer,
    ResiliencePipeline sendPipeline,
    ConnectorCounters counters,
    ILogger<EventHubsTransport> logger) : IEventTransport
{
    /// <summary>Event type of the heartbeat.</summary>
    public const string HeartbeatEventType = "ha_ingestor_heartbeat";

    private string[]? _partitionIds;

    public string Name => "eventhubs";

    public bool RunsPipeline => false;

    /// <summary>The partition key of an event.</summary>
    public static string PartitionKeyOf(ReceivedEvent receivedEvent)
    {
        ArgumentNullException.ThrowIfNull(receivedEvent);
        return (receivedEvent.Home ?? "default") + "/" + (receivedEvent.Header.EntityId ?? receivedEvent.Header.EventType);
    }

    public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var partitionIds = await GetPartitionIdsAsync(cancellationToken).ConfigureAwait(false);

        // Per partition in batch order, so each entity's events keep theirs.
        var groups = new List<ReceivedEvent>?[partitionIds.Length];
        foreach (var e in events)
        {
            (groups[PartitionMap.IndexOf(PartitionKeyOf(e), partitionIds.Length)] ??= []).Add(e);
        }

        var sends = new List<Task>(partitionIds.Length);
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] is { } group)
            {
                sends.Add(SendPartitionAsync(partitionIds[i], group, cancellationToken));
            }
        }

        try
        {
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        catch
        {
            // The hub may have been recreated or repartitioned: read the ids again on the next attempt.
            Volatile.Write(ref _partitionIds, null);
            throw;
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

    private async Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _partitionIds) is { } known)
        {
            return known;
        }

        var ids = await sendPipeline.ExecuteAsync(
            static async (p, ct) => await p.GetPartitionIdsAsync(ct).ConfigureAwait(false),
            producer,
            cancellationToken).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            throw new InvalidOperationException("Event Hubs listed no partitions for the event hub.");
        }

        Volatile.Write(ref _partitionIds, ids);
        return ids;
    }

    private async Task SendPartitionAsync(string partitionId, List<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        var options = new CreateBatchOptions { PartitionId = partitionId };
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
