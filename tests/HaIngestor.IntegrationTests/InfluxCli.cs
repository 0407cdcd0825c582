using System.Diagnostics;
using System.Globalization;

namespace HaIngestor.IntegrationTests;

/// <summary>Runs the InfluxDB 1.x command-line client (<c>influx</c>, Debian package <c>influxdb-client</c>).</summary>
internal static class InfluxCli
{
    /// <summary><c>influx -import -path FILE -precision P</c> against <paramref name="server"/>; exit code and all output.</summary>
    public static async Task<(int ExitCode, string Output)> ImportAsync(Uri server, string file, string precision)
    {
        var start = new ProcessStartInfo("influx")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-host", server.Host, "-port", server.Port.ToString(CultureInfo.InvariantCulture), "-import", "-path", file, "-precision", precision })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("influx did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
