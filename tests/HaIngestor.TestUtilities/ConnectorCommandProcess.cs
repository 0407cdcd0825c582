using System.Diagnostics;

namespace HaIngestor.TestUtilities;

/// <summary>
/// <c>dotnet connector.dll &lt;command&gt; ...</c> as a child process (the test project must reference the connector so
/// connector.dll sits next to the tests): every line it writes to stdout and stderr kept in order, bounded waits for a
/// line, and a kill on dispose so no process outlives its test.
/// </summary>
public sealed class ConnectorCommandProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ConnectorCommandProcess(Process process) => _process = process;

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

    public static ConnectorCommandProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "connector.dll"));
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

    /// <summary>
    /// A connector published as a native executable (native AOT: <c>connector</c>, no <c>dotnet</c> host) run the
    /// same way: output kept, bounded waits, killed on dispose.
    /// </summary>
    public static ConnectorCommandProcess StartExecutable(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
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
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        }

        // The asynchronous readers may still hold the last lines: this overload waits for them.
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what a container stop does) so the process shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().ConfigureAwait(false);
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
