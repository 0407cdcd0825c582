using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;

namespace HaIngestor.Connector.Tests.Support;

/// <summary>Fails every send; during the first it runs <paramref name="accept"/>, as the socket reader can take an event mid-send.</summary>
internal sealed class AcceptingWhileFailingTransport(Action accept) : IEventTransport
{
    private int _calls;

    public string Name => "failing";

    public bool RunsPipeline => false;

    public int Calls => Volatile.Read(ref _calls);

    public Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            accept();
        }

        throw new InvalidOperationException("transport down");
    }

    public Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Task.CompletedTask;
}
