using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace HaIngestor.Connector.Tests.Transports.EventHubs;

/// <summary>
/// A producer built on the SDK's own test seams: batches from <see cref="EventHubsModelFactory"/> backed by lists,
/// holding at most <c>eventsPerBatch</c> events (standing in for the byte limit), sends recorded instead of sent,
/// and a hub of <c>partitions</c> partitions.
/// </summary>
internal sealed class RecordingProducer(int eventsPerBatch, int failFirstSends = 0, int partitions = 4) : EventHubProducerClient
{
    private readonly Lock _gate = new();
    private int _failuresLeft = failFirstSends;

    /// <summary>Each send: the batch's partition key (heartbeats) or partition id, and its events.</summary>
    public List<(string? PartitionKey, string? PartitionId, List<EventData> Events)> Sent { get; } = [];

    public int Attempts { get; private set; }

    public int PartitionIdReads { get; private set; }

    /// <summary>When set, every send fails with it.</summary>
    public Exception? Failure { get; set; }

    public override Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            PartitionIdReads++;
        }

        return Task.FromResult(Enumerable.Range(0, partitions).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    public Func<EventData, bool> Accepts { get; set; } = _ => true;

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        var store = new List<EventData>();
        var batch = EventHubsModelFactory.EventDataBatch(
            1024 * 1024,
            store,
            options,
            data => store.Count < eventsPerBatch && Accepts(data));
        lock (_gate)
        {
            _stores[batch] = (options.PartitionKey, options.PartitionId, store);
        }

        return ValueTask.FromResult(batch);
    }

    public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Attempts++;
            if (Failure is not null)
            {
                throw Failure;
            }

            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new EventHubsException(isTransient: true, "test-hub", "simulated outage", EventHubsException.FailureReason.ServiceTimeout);
            }

            var (key, id, store) = _stores[eventBatch];
            Sent.Add((key, id, [.. store]));
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private readonly Dictionary<EventDataBatch, (string? PartitionKey, string? PartitionId, List<EventData> Store)> _stores = [];
}
