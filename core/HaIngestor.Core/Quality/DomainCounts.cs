using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Quality;

/// <summary>Live counters of one home's domain; lock-free, so counting allocates nothing (the tracker publishes them as an observable counter).</summary>
internal sealed class DomainCounts(string home, string domain)
{
    private static readonly string[] ReasonNames = Enum.GetNames<RejectReason>();

    private readonly long[] _rejected = new long[ReasonNames.Length];
    private readonly long[] _deadLettered = new long[DeadLetterReasonIndex.Names.Count];
    private long _accepted;
    private long _skipped;

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

    /// <summary>Counts a dead-lettered event under its reason (a reason outside the known set as <c>Other</c>).</summary>
    public void CountDeadLettered(string reason)
    {
        Interlocked.Increment(ref _deadLettered[DeadLetterReasonIndex.Of(reason)]);
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

        var deadLettered = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _deadLettered.Length; i++)
        {
            var count = Interlocked.Read(ref _deadLettered[i]);
            if (count > 0)
            {
                deadLettered[DeadLetterReasonIndex.Names[i]] = count;
            }
        }

        return new DomainQualityCounts(Home, Domain, Interlocked.Read(ref _accepted), Interlocked.Read(ref _skipped), deadLettered, rejected);
    }
}
