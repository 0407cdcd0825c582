using System.Threading.Channels;

namespace HaIngestor.Simulator.Protocol;

/// <summary>
/// A connection's queue of outgoing messages with HA's two limits: at <c>limit</c> queued messages the client is
/// cut off at once; at or over <c>peak</c> for <c>peakTime</c> it is cut off too (HA's write-peak checker).
/// </summary>
internal sealed class OutgoingQueue : IDisposable
{
    private readonly Channel<OutgoingMessage> _channel = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    private readonly Lock _timerGate = new();
    private readonly int _limit;
    private readonly int _peak;
    private readonly TimeSpan _peakTime;
    private readonly TimeProvider _time;
    private readonly Action<bool> _overflow;
    private ITimer? _peakTimer;
    private int _count;
    private int _overflowed;

    /// <param name="overflow">Called once when a limit is broken; the argument is true for the hard limit, false for the peak.</param>
    public OutgoingQueue(int limit, int peak, TimeSpan peakTime, TimeProvider time, Action<bool> overflow)
    {
        _limit = limit;
        _peak = peak;
        _peakTime = peakTime;
        _time = time;
        _overflow = overflow;
    }

    public int Count => Volatile.Read(ref _count);

    public bool Enqueue(OutgoingMessage message)
    {
        if (Volatile.Read(ref _overflowed) != 0)
        {
            return false;
        }

        var count = Interlocked.Increment(ref _count);
        if (!_channel.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        // HA appends first and then compares: the message that makes the queue reach the limit cuts the client off.
        if (count >= _limit)
        {
            Overflow(hard: true);
            return false;
        }

        CheckPeak(count);
        return true;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryPeek(out OutgoingMessage message) => _channel.Reader.TryPeek(out message);

    public bool TryRead(out OutgoingMessage message)
    {
        if (!_channel.Reader.TryRead(out message))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>No more messages; the writer sends what is queued, then ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        lock (_timerGate)
        {
            _peakTimer?.Dispose();
            _peakTimer = null;
        }
    }

    private void CheckPeak(int count)
    {
        lock (_timerGate)
        {
            // HA: at most PENDING_MSG_PEAK queued after the append is fine; more arms the peak checker.
            if (count <= _peak)
            {
                _peakTimer?.Dispose();
                _peakTimer = null;
                return;
            }

            _peakTimer ??= _time.CreateTimer(static state => ((OutgoingQueue)state!).OnPeakTimer(), this, _peakTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnPeakTimer()
    {
        lock (_timerGate)
        {
            _peakTimer?.Dispose();
            _peakTimer = null;
        }

        if (Volatile.Read(ref _count) >= _peak)
        {
            Overflow(hard: false);
        }
    }

    private void Overflow(bool hard)
    {
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _overflow(hard);
        }
    }
}
