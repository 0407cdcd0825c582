using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace HaIngestor.Bench;

/// <summary>
/// An Event Hubs producer on the SDK's test seams (<see cref="EventHubsModelFactory"/> batches, a derived
/// <see cref="EventHubProducerClient"/>): every call that would cross the network waits <c>roundTrip</c> and is
/// counted; batches are real <see cref="EventDataBatch"/>es holding up to 1 MB of event bodies.
/// </summary>
internal sealed class SimulatedEventHub(TimeSpan roundTrip, int partitions) : EventHubProducerClient
{
    private const long MaxBatchBytes = 1024 * 1024;
    private int _roundTrips;
    private long _events;

    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public long Events => Interlocked.Read(ref _events);

    public void Reset()
    {
        Volatile.Write(ref _roundTrips, 0);
        Interlocked.Exchange(ref _events, 0);
    }

    public override async Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default)
    {
        await WaitRoundTripAsync(cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Range(0, partitions).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        var store = new List<EventData>();
        long bytes = 0;
        var batch = EventHubsModelFactory.EventDataBatch(
            MaxBatchBytes,
            store,
            options,
            data =>
            {
                var size = data.EventBody.ToMemory().Length + 64;
                if (bytes + size > MaxBatchBytes)
                {
                    return false;
                }

                bytes += size;
                return true;
            });
        return ValueTask.FromResult(batch);
    }

    public override async Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventBatch);
        await WaitRoundTripAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _events, eventBatch.Count);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task WaitRoundTripAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _roundTrips);
        return roundTrip > TimeSpan.Zero ? Task.Delay(roundTrip, cancellationToken) : Task.CompletedTask;
    }
}
