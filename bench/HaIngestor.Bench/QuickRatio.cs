
namespace HaIngestor.Bench;

/// <summary>
/// A fast sanity check of the three benchmarks (<c>--quick</c>): interleaved timed loops, best of several rounds,
/// printed as events/s. BenchmarkDotNet's figures are the ones reported; this is for iterating on the hot path.
/// </summary>
internal static class QuickRatio
{
    public static void Run()
    {
        var benchmarks = new PipelineBenchmarks();
        var best = new double[3];
        Func<int>[] runs = [benchmarks.Limit, benchmarks.Baseline, benchmarks.Ours];
        for (var round = 0; round < 7; round++)
        {
            for (var b = 0; b < runs.Length; b++)
            {
                var iterations = b == 1 ? 2_000 : 20_000;
                var started = ThreadCpuClock.NowNanoseconds();
                for (var i = 0; i < iterations; i++)
                {
                    runs[b]();
                }

                var eventsPerSecond = iterations * 3 / ((ThreadCpuClock.NowNanoseconds() - started) / 1e9);
                best[b] = Math.Max(best[b], eventsPerSecond);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            benchmarks.Ours();
        }

        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / 30_000d;
        Console.WriteLine($"limit {best[0]:N0}/s  baseline {best[1]:N0}/s  ours {best[2]:N0}/s  ours/limit {best[2] / best[0]:F2}  ours/baseline {best[2] / best[1]:F1}  ours alloc {perEvent:F1} B/event");
    }
}
