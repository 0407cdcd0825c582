namespace HaIngestor.Adapters.Weather;

/// <summary>
/// Lets at most one upstream request through per interval, across the process. A caller that finds the gate shut is
/// not queued: it is served the last known weather instead, so a dead API never holds up batches.
/// </summary>
internal sealed class RequestGate
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private long? _lastTimestamp;

    public RequestGate(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _interval = interval;
    }

    /// <summary>True when a request may go out now (and records it); false while the interval since the last one runs.</summary>
    public bool TryEnter()
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_lastTimestamp is { } last && _time.GetElapsedTime(last, now) < _interval)
            {
                return false;
            }

            _lastTimestamp = now;
            return true;
        }
    }
}
