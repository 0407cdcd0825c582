using System.Diagnostics;

namespace HaIngestor.TestUtilities;

/// <summary>Waits on a condition instead of sleeping a fixed time: fast when things are fast, patient when the machine is busy.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it is true; fails the test when <paramref name="timeout"/> passes first.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }

                last = null;
            }
#pragma warning disable CA1031 // A condition may throw while the system settles; the last error is reported on timeout.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                last = ex;
            }

            if (clock.Elapsed >= timeout)
            {
                var what = because is null ? "condition" : $"condition ({because})";
                var error = last is null ? string.Empty : $" Last error: {last.GetType().Name}: {last.Message}";
                Assert.Fail($"The {what} was not met within {timeout.TotalSeconds:0.###} s.{error}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous-condition overload of <see cref="AssertAsync(Func{Task{bool}}, TimeSpan, string?)"/>.</summary>
    public static Task AssertAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return AssertAsync(() => Task.FromResult(condition()), timeout, because);
    }
}
