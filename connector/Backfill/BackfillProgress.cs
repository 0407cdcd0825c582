namespace HaIngestor.Connector.Backfill;

/// <summary>Counters of a running backfill, updated by the request tasks and read by the view.</summary>
internal sealed class BackfillProgress(TimeProvider time)
{
    private readonly long _startedAt = time.GetTimestamp();
    private readonly Lock _gate = new();
    private int[] _openPerWindow = [];
    private DateTimeOffset[] _windowStarts = [];
    private long _events;
    private long _statisticPoints;
    private long _malformed;
    private int _doneRequests;
    private int _failedRequests;

    public int Entities { get; private set; }

    public int Statistics { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public int TotalRequests { get; private set; }

    /// <summary>Entity-ranges the checkpoint already covered and that were not requested again.</summary>
    public int AlreadyDone { get; set; }

    public void Plan(IReadOnlyList<BackfillRequest> requests, int entities, int statistics, DateTimeOffset start, DateTimeOffset end, TimeSpan span)
    {
        Entities = entities;
        Statistics = statistics;
        Start = start;
        End = end;
        TotalRequests = requests.Count;
        var windows = Math.Max(1, (int)Math.Ceiling((end - start) / span));
        _windowStarts = [.. Enumerable.Range(0, windows).Select(i => start + (span * i))];
        _openPerWindow = new int[windows];
        foreach (var request in requests)
        {
            _openPerWindow[request.Window]++;
        }
    }

    public void OnRequestDone(BackfillRequest request, int events, int statisticPoints, int malformed)
    {
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _statisticPoints, statisticPoints);
        Interlocked.Add(ref _malformed, malformed);
        Interlocked.Increment(ref _doneRequests);
        lock (_gate)
        {
            _openPerWindow[request.Window]--;
        }
    }

    public void OnRequestFailed(BackfillRequest request)
    {
        Interlocked.Increment(ref _failedRequests);
        Interlocked.Increment(ref _doneRequests);
        lock (_gate)
        {
            _openPerWindow[request.Window]--;
        }
    }

    public BackfillSnapshot Snapshot()
    {
        var elapsed = time.GetElapsedTime(_startedAt);
        var done = Volatile.Read(ref _doneRequests);
        var events = Interlocked.Read(ref _events);
        DateTimeOffset doneUntil;
        lock (_gate)
        {
            var open = Array.FindIndex(_openPerWindow, n => n > 0);
            doneUntil = open < 0 ? End : _windowStarts[open];
        }

        TimeSpan? eta = done > 0 && done < TotalRequests ? elapsed * ((double)(TotalRequests - done) / done) : null;
        return new BackfillSnapshot(
            Entities, Statistics, Start, End, doneUntil, TotalRequests, done, Volatile.Read(ref _failedRequests),
            events, Interlocked.Read(ref _statisticPoints), Interlocked.Read(ref _malformed), AlreadyDone, elapsed,
            elapsed.TotalSeconds > 0 ? events / elapsed.TotalSeconds : 0, eta);
    }
}
