using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using HaIngestor.TestUtilities;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// A <c>redis-server</c> of the scenario's own (the shared test Redis must stay up for other tests), on a fixed
/// loopback port so it can be stopped and started again where the connector expects it.
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _process;

    private RedisProcess(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},abortConnect=false");

    public static async Task<RedisProcess> StartAsync(string folder)
    {
        var redis = new RedisProcess(folder, FreePort.Get());
        await redis.StartAsync();
        return redis;
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_folder);
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", _folder, "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"redis-server could not be started ({ex.Message}); ./test.sh installs it (Debian package redis-server).");
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"redis-server exited with {_process.ExitCode} at start.");
                }

                await Task.Delay(50);
            }
        }

        Assert.Fail($"redis-server did not listen on {Port} within 30 s.");
    }

    /// <summary>Kills the server (SIGKILL: no goodbye to its clients, as a crash or a lost host).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
