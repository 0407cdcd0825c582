using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Status;

/// <summary>
/// The last warnings and errors logged, and the latest dead-letter reasons, for the status page and the demo. Log
/// lines never hold a secret (invariant 5), so they can be shown as they are.
/// </summary>
internal sealed class RecentProblems(TimeProvider timeProvider) : ILoggerProvider
{
    private const int Keep = 10;
    private readonly ConcurrentQueue<RecentProblem> _warnings = new();
    private readonly ConcurrentQueue<RecentProblem> _reasons = new();
    private int _count;

    /// <summary>Warnings and errors logged since start.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The last warnings and errors, oldest first.</summary>
    public IReadOnlyList<RecentProblem> Warnings => [.. _warnings];

    /// <summary>The latest dead-letter reasons, oldest first.</summary>
    public IReadOnlyList<RecentProblem> DeadLetterReasons => [.. _reasons];

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    /// <summary>Records why events were dead-lettered (one entry per distinct reason in the batch).</summary>
    public void AddDeadLetterReasons(IEnumerable<string> reasons)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var reason in reasons.Distinct(StringComparer.Ordinal))
        {
            Add(_reasons, new RecentProblem(now, "DeadLetter", reason));
        }
    }

    private static void Add(ConcurrentQueue<RecentProblem> queue, RecentProblem problem)
    {
        queue.Enqueue(problem);
        while (queue.Count > Keep && queue.TryDequeue(out _))
        {
        }
    }

    private sealed class Collector(RecentProblems owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            Interlocked.Increment(ref owner._count);
            Add(owner._warnings, new RecentProblem(owner.GetNow(), logLevel.ToString(), $"{category}: {formatter(state, exception)}"));
        }
    }

    private DateTimeOffset GetNow() => timeProvider.GetUtcNow();
}
