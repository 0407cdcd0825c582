using System.Diagnostics;
using System.Globalization;

namespace HaIngestor.TestUtilities;

/// <summary>
/// <c>dotnet connector.dll &lt;command&gt; ...</c> as a child process (the test project must reference the connector so
/// connector.dll sits next to the tests): every line it writes to stdout and stderr kept in order, bounded waits for a
/// line or the exit with the output's tail in the failure, signals by pid (SIGTERM as a container stop, SIGKILL as a
/// crash), its peak RSS, and a kill of its whole process tree on dispose so no process outlives its test.
/// </summary>
public sealed class ConnectorCommandProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private long _peakRssKiB;

    private ConnectorCommandProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line written so far, stdout and stderr interleaved as they arrived.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Every line written so far as one text, a line feed after each.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Concat(_lines.Select(l => l + "\n"));
            }
        }
    }

    /// <summary>The highest VmHWM (peak resident set) sampled so far, in KiB; sample it before the process ends.</summary>
    public long PeakRssKiB => Interlocked.Read(ref _peakRssKiB);

    public static ConnectorCommandProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Launch("dotnet", arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "connector.dll")), environment, workingDirectory);

    /// <summary>
    /// A connector published as a native executable (native AOT: <c>connector</c>, no <c>dotnet</c> host) run the
    /// same way: output kept, bounded waits, killed on dispose.
    /// </summary>
    public static ConnectorCommandProcess StartExecutable(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Launch(executable, arguments, environment, workingDirectory);

    private static ConnectorCommandProcess Launch(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var child = new ConnectorCommandProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string Tail(int count = 60) => string.Join('\n', Lines.TakeLast(count));

    /// <summary>Waits until a line contains <paramref name="text"/> and returns it; fails with the output's tail otherwise.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout, string what, int skip = 0)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var line = Lines.Skip(skip).FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.Trim();
            }

            if (_process.HasExited)
            {
                Assert.Fail($"{what}: the process exited with {_process.ExitCode} before writing '{text}'. Output:\n{Tail()}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        Assert.Fail($"{what}: no line with '{text}' within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        return string.Empty;
    }

    /// <summary>Waits for the process to end (bounded) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, string what)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);

            // The asynchronous readers may still hold the last lines: this overload waits for them (bounded too).
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what a container stop does) so the process shuts down gracefully.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>
    /// Sends <paramref name="signal"/> (<c>TERM</c>, <c>KILL</c>, ...) by pid, sampling the peak RSS first (after a
    /// SIGKILL there is nothing left to read it from). Nothing is sent to a process that has already ended.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        SamplePeakRss();
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Reads VmHWM (peak resident set) from <c>/proc/&lt;pid&gt;/status</c> and keeps the highest value seen.</summary>
    public void SamplePeakRss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    var seen = Interlocked.Read(ref _peakRssKiB);
                    while (kib > seen && Interlocked.CompareExchange(ref _peakRssKiB, kib, seen) != seen)
                    {
                        seen = Interlocked.Read(ref _peakRssKiB);
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is gone: its last sample stands.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
