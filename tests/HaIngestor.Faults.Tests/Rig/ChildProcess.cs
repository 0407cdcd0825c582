using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// <c>dotnet connector.dll ...</c> as a child process: output kept for failure messages, peak RSS from
/// <c>/proc/&lt;pid&gt;/status</c> (VmHWM), signals by pid, and a kill on dispose so no process outlives its test.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private long _peakRssKiB;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The highest VmHWM read so far, in KiB (read it before the process ends).</summary>
    public long PeakRssKiB => Interlocked.Read(ref _peakRssKiB);

    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "connector.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of output, for failure messages.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>Reads VmHWM (peak resident set) and keeps the highest value seen.</summary>
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
        catch (IOException)
        {
            // The process is gone: its last sample stands.
        }
    }

    public async Task SignalAsync(string signal)
    {
        SamplePeakRss();
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan timeout, string what)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        }
    }

    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.Trim();
            }

            if (_process.HasExited)
            {
                Assert.Fail($"{what} exited with {_process.ExitCode} before printing '{prefix}'. Output:\n{Tail()}");
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{what} did not print '{prefix}' within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        return string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
