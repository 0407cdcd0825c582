using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Transports;

namespace HaIngestor.Connector.Tests.Support;

/// <summary>A transport that records what it delivers and can be switched down to fail every send.</summary>
internal sealed class RecordingTransport : IEventTransport
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedEvent> _delivered = [];
    private readonly List<int> _batchSizes = [];
    private volatile bool _down;
    private int _failures;

    public string Name => "recording";

    public bool RunsPipeline => false;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public int Failures => Volatile.Read(ref _failures);

    public IReadOnlyList<ReceivedEvent> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_gate)
            {
                return [.. _batchSizes];
            }
        }
    }

    /// <summary>How long each send takes (a slow sink); a cancelled send delivers nothing, as a cancelled request.</summary>
    public TimeSpan SendDelay { get; init; }

    public async Task SendAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        if (_down)
        {
            Interlocked.Increment(ref _failures);
            throw new InvalidOperationException("transport down");
        }

        if (SendDelay > TimeSpan.Zero)
        {
            await Task.Delay(SendDelay, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _delivered.AddRange(events);
            _batchSizes.Add(events.Count);
        }
    }

    public Task SendHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Task.CompletedTask;
}
