using System.Globalization;
using HaIngestor.TestUtilities;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary><c>connector run</c> as a child process, with its <c>/metrics</c> read as numbers.</summary>
internal sealed class ConnectorProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConnectorCommandProcess _process;
    private readonly Uri _metrics;
    private readonly Uri _health;

    private ConnectorProcess(ConnectorCommandProcess process, int port)
    {
        _process = process;
        _metrics = new Uri($"http://127.0.0.1:{port}/metrics");
        _health = new Uri($"http://127.0.0.1:{port}/health");
    }

    public ConnectorCommandProcess Process => _process;

    public static async Task<ConnectorProcess> StartAsync(Dictionary<string, string> environment, int healthPort)
    {
        var connector = new ConnectorProcess(ConnectorCommandProcess.Start(["run"], environment), healthPort);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (connector._process.HasExited)
            {
                Assert.Fail($"The connector exited with {connector._process.ExitCode} at start. Output:\n{connector._process.Tail()}");
            }

            if (await connector.TryMetricsAsync() is { } metrics && metrics.GetValueOrDefault("haingestor_connector_ha_connected") >= 1)
            {
                return connector;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"The connector did not connect to the simulator within 60 s. Output:\n{connector._process.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every sample of <c>/metrics</c> summed by name (labels dropped), or null when it does not answer.</summary>
    public async Task<Dictionary<string, double>?> TryMetricsAsync()
    {
        _process.SamplePeakRss();
        try
        {
            var text = await Http.GetStringAsync(_metrics);
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var space = line.LastIndexOf(' ');
                var name = line[..space];
                var brace = name.IndexOf('{', StringComparison.Ordinal);
                if (brace >= 0)
                {
                    name = name[..brace];
                }

                if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[name] = values.GetValueOrDefault(name) + value;
                }
            }

            return values;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary><c>/health</c>: its HTTP status and its <c>status</c> and <c>reasons</c>.</summary>
    public async Task<(int Code, string Status, string Reasons)> HealthAsync()
    {
        using var response = await Http.GetAsync(_health);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var reasons = root.TryGetProperty("reasons", out var list) ? string.Join("; ", list.EnumerateArray().Select(r => r.ToString())) : string.Empty;
        return ((int)response.StatusCode, root.GetProperty("status").GetString() ?? string.Empty, reasons);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
