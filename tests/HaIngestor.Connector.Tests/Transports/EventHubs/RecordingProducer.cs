using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace HaIngestor.Connector.Tests.Transports.EventHubs;

/// <summary>
/// A producer built on the SDK's own test seams: batches from <see cref="EventHubsModelFactory"/> backed by lists,
/// holding at most <c>eventsPerBatch</c> events (standing in for the byte limit), and sends recorded instead of sent.
/// </summary>
internal sealed class RecordingProducer(int eventsPerBatch, int failFirstSends = 0) : EventHubProducerClient
{
    private readonly Lock _gate = new();
    private int _failuresLeft = failFirstSends;

    public List<(string? PartitionKey, List<EventData> Events)> Sent { get; } = [];

    public int Attempts { get; private set; }

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
            _stores[batch] = (options.PartitionKey, store);
        }

        return ValueTask.FromResult(batch);
    }

    public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Attempts++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new EventHubsException(isTransient: true, "test-hub", "simulated outage", EventHubsException.FailureReason.ServiceTimeout);
            }

            var (key, store) = _stores[eventBatch];
            Sent.Add((key, [.. store]));
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private readonly Dictionary<EventDataBatch, (string? PartitionKey, List<EventData> Store)> _stores = [];
}
