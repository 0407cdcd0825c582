using System.Runtime.InteropServices;

namespace HaIngestor.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared, overloaded machine wall time
/// mostly measures waiting for a core; CPU time measures the work.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static double NowNanoseconds()
    {
        _ = ClockGetTime(ClockThreadCpuTimeId, out var time);
        return (time.Seconds * 1e9) + time.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
