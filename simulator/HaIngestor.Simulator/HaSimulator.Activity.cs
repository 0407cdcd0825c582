using Microsoft.Extensions.Logging;

namespace HaIngestor.Simulator;

/// <summary>Background activity at the configured rate, and bursts for load tests.</summary>
public sealed partial class HaSimulator
{
    // A writer that has not finished a send for this long is blocked on a client that stopped reading.
    private static readonly TimeSpan ReaderGoneAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Fires exactly <paramref name="count"/> events as fast as HA's event loop would: in small chunks, yielding
    /// between them so each connection's writer runs alongside, and holding back while a reading client's writer is
    /// more than half of the pending peak behind. A client that stops reading is not waited for: it overflows and is
    /// cut off, as in HA.
    /// </summary>
    /// <returns>The number of events fired on the bus (exactly <paramref name="count"/>).</returns>
    public async Task<long> FireBurstAsync(long count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var chunk = Math.Clamp(_runtime.Options.PendingPeak / 8, 1, 128);
        var behind = Math.Max(1, _runtime.Options.PendingPeak / 2);
        long fired = 0;
        while (fired < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inChunk = 0;
            while (inChunk < chunk && fired < count)
            {
                var n = _activity.Step((int)Math.Min(count - fired, 2));
                fired += n;
                inChunk += n;
            }

            await Task.Yield();
            await WaitForWritersAsync(behind, cancellationToken).ConfigureAwait(false);
        }

        return fired;
    }

    private async Task WaitForWritersAsync(int below, CancellationToken cancellationToken)
    {
        // Real time on purpose: this only paces the producer and must not hang on a fake clock.
        // While stalled no writer sends, so none can be waited for.
        while (!_runtime.Stall.IsStalled &&
               _runtime.Sessions.Values.Any(s => s.QueuedMessages >= below && s.IsReading(ReaderGoneAfter)))
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunActivityAsync(CancellationToken cancellationToken)
    {
        var rate = _runtime.Options.EventsPerSecond;
        if (rate <= 0)
        {
            return;
        }

        var time = _runtime.Time;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(1000 / rate, 5, 100));
        var start = time.GetTimestamp();
        var began = start;
        var faults = _runtime.Options.Silence + _runtime.Options.Unavailable > 0;
        long emitted = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(tick, time, cancellationToken).ConfigureAwait(false);
            if (!IsUp || _runtime.Stall.IsStalled || _activityPaused)
            {
                // A stopped or hung HA produces nothing, and does not make up for it afterwards.
                start = time.GetTimestamp();
                emitted = 0;
                continue;
            }

            if (faults && time.GetElapsedTime(began) >= _runtime.Options.SilenceAfter)
            {
                faults = false;
                _activity.Degrade(_runtime.Options.Silence, _runtime.Options.Unavailable);
            }

            var due = (long)(time.GetElapsedTime(start).TotalSeconds * rate) - emitted;
            var cap = Math.Max(2, (long)(rate * tick.TotalSeconds * 4));
            if (due > cap)
            {
                emitted += due - cap;
                due = cap;
            }

            try
            {
                while (due > 0)
                {
                    var n = _activity.Step((int)Math.Min(due, 2));
                    emitted += n;
                    due -= n;
                }
            }
#pragma warning disable CA1031 // The background activity must keep going; a failure is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ActivityFailed(_runtime.Logger, ex);
            }
        }
    }
}
