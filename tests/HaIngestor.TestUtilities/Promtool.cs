using System.Diagnostics;

namespace HaIngestor.TestUtilities;

/// <summary>Prometheus' own linter (<c>promtool</c>, Debian package prometheus, installed by test.sh).</summary>
public static class Promtool
{
    /// <summary><c>promtool check metrics</c> over <paramref name="metrics"/>: exit code and findings (empty when clean).</summary>
    public static async Task<(int ExitCode, string Findings)> CheckMetricsAsync(string metrics)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(metrics).ConfigureAwait(false);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("promtool check metrics did not finish within 60 s.");
        }

        return (process.ExitCode, (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
    }
}
