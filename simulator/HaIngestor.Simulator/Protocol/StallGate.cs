namespace HaIngestor.Simulator.Protocol;

/// <summary>Holds reading, writing and activity while a stall is in force, as if HA's event loop hung.</summary>
internal sealed class StallGate(TimeProvider time)
{
    private long _untilUtcTicks;

    public bool IsStalled => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _untilUtcTicks);

    public void StallFor(TimeSpan duration) =>
        Interlocked.Exchange(ref _untilUtcTicks, time.GetUtcNow().Add(duration).UtcTicks);

    public void Release() => Interlocked.Exchange(ref _untilUtcTicks, 0);

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = Interlocked.Read(ref _untilUtcTicks) - time.GetUtcNow().UtcTicks;
            if (remaining <= 0)
            {
                return;
            }

            // Re-check at least every 100 ms so a Release() takes effect promptly.
            var wait = TimeSpan.FromTicks(Math.Min(remaining, TimeSpan.TicksPerMillisecond * 100));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
