using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Quality;

/// <summary>Live counters of one home's domain; lock-free, so counting allocates nothing (the tracker publishes them as an observable counter).</summary>
internal sealed class DomainCounts(string home, string domain)
{
    private static readonly string[] ReasonNames = Enum.GetNames<RejectReason>();

    private readonly long[] _rejected = new long[ReasonNames.Length];
    private long _accepted;
    private long _skipped;
    private long _deadLettered;

    public string Home { get; } = home;

    public string Domain { get; } = domain;

    public void Count(ProcessOutcome outcome)
    {
        if (outcome == ProcessOutcome.Skipped)
        {
            Interlocked.Increment(ref _skipped);
        }
        else
        {
            Interlocked.Increment(ref _accepted);
        }
    }

    public void CountRejected(RejectReason reason)
    {
        Interlocked.Increment(ref _rejected[(int)reason]);
    }

    public void CountDeadLettered()
    {
        Interlocked.Increment(ref _deadLettered);
    }

    public DomainQualityCounts Snapshot()
    {
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _rejected.Length; i++)
        {
            var count = Interlocked.Read(ref _rejected[i]);
            if (count > 0)
            {
                rejected[ReasonNames[i]] = count;
            }
        }

        return new DomainQualityCounts(Home, Domain, Interlocked.Read(ref _accepted), Interlocked.Read(ref _skipped), Interlocked.Read(ref _deadLettered), rejected);
    }
}
