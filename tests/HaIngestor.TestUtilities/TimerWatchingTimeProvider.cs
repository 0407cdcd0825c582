using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.TestUtilities;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code starts waiting on it: a test waits (bounded, in real time)
/// until the timer it expects exists, then advances the clock by exactly its due time, instead of nudging the clock
/// forward on a real-time loop and hoping the code was waiting by then.
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _created = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Due times of every timer created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Created
    {
        get
        {
            lock (_gate)
            {
                return [.. _created];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _created.Add(dueTime);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return timer;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> timers due after <paramref name="dueTime"/> have been created (a
    /// <c>Task.Delay</c> on this clock is one); fails the test naming <paramref name="because"/> when
    /// <paramref name="timeout"/> of real time passes first.
    /// </summary>
    public async Task WaitForTimersAsync(TimeSpan dueTime, int count, TimeSpan timeout, string because)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var seen = _created.Count(d => d == dueTime);
                if (seen >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No timer #{count} due after {dueTime} was started within {timeout.TotalSeconds:0.###} s ({because}); timers started: {string.Join(", ", Created)}.");
            }
        }
    }
}
