using System.Globalization;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Service;

/// <summary>
/// The log of a real <c>connector run</c> (a child process, default log levels) read as an operator would: the
/// simulator's steady load into the real InfluxDB 1.x, then InfluxDB or Home Assistant taken away behind a
/// <see cref="TcpGate"/> (connections refused and reset, as when the server is stopped) and given back. One warning
/// when the episode starts, one line when it ends, nothing per request and no stack trace.
/// </summary>
public sealed partial class OutageLogProcessTests : IDisposable
{
    private static readonly TimeSpan SinkOutage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan HomeOutage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TempFolder _folder = new("hai-outage-log");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_InfluxDbDownFor20Seconds_LogsOneOutageWarningOneRecoveryWithCountsAndNoPerRequestLines()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("outage_log_sink");
        await using var influx = TcpGate.Open(database.BaseUrl.Port);
        await using var run = await StartAsync(new Uri($"http://127.0.0.1:{influx.Port}/"), database.Name);
        await WaitForPointsAsync(database, run.Connector);

        await influx.CloseAsync();
        await Task.Delay(SinkOutage);
        influx.Reopen();
        var recovery = await run.Connector.WaitForLineAsync("available again after", Timeout, "The connector after InfluxDB came back");
        var lines = await StopAsync(run.Connector);

        var log = string.Join('\n', lines);
        Assert.True(lines.Count(l => l.Contains("unavailable (", StringComparison.Ordinal) && l.Contains("Further failures are not logged", StringComparison.Ordinal)) == 1,
            "Expected exactly one outage warning:\n" + log);
        Assert.True(lines.Count(l => l.Contains("available again after", StringComparison.Ordinal)) == 1, "Expected exactly one recovery line:\n" + log);
        var counts = RecoveryLine().Match(recovery);
        Assert.True(counts.Success, "The recovery line states the outage length and the counts: " + recovery);
        var outage = TimeSpan.Parse(counts.Groups["outage"].Value, CultureInfo.InvariantCulture);
        var journaled = long.Parse(counts.Groups["journaled"].Value, CultureInfo.InvariantCulture);
        Assert.True(outage >= SinkOutage / 2, $"The outage lasted the gate's 20 s, not {outage}: {recovery}");
        Assert.True(journaled > 0, "Events arrived during the outage and were journaled: " + recovery);
        Assert.Equal(counts.Groups["journaled"].Value, counts.Groups["replayed"].Value);
        Assert.Equal("0", counts.Groups["deadLettered"].Value);
        AssertQuiet(lines, log);
    }

    [Fact]
    public async Task Run_HomeAssistantUnreachableFor10Seconds_LogsOneEpisodeLineAndOneReconnectionLine()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("outage_log_home");
        await using var run = await StartAsync(database.BaseUrl, database.Name);
        await WaitForPointsAsync(database, run.Connector);

        await run.Home.CloseAsync();
        await Task.Delay(HomeOutage);
        run.Home.Reopen();
        var reconnected = await run.Connector.WaitForLineAsync("again after", Timeout, "The connector after Home Assistant came back");
        var lines = await StopAsync(run.Connector);

        var log = string.Join('\n', lines);
        Assert.True(lines.Count(l => l.Contains("failed or was lost", StringComparison.Ordinal)) == 1, "Expected exactly one episode warning:\n" + log);
        Assert.True(lines.Count(l => l.Contains("again after", StringComparison.Ordinal)) == 1, "Expected exactly one reconnection line:\n" + log);
        Assert.Matches(ReconnectedLine(), reconnected);
        Assert.DoesNotContain(lines, l => l.Contains("still unreachable", StringComparison.Ordinal));
        AssertQuiet(lines, log);
    }

    private static void AssertQuiet(IReadOnlyList<string> lines, string log)
    {
        Assert.True(!lines.Any(l => l.Contains("System.Net.Http", StringComparison.Ordinal)), "No per-request HttpClient line:\n" + log);
        Assert.True(!lines.Any(l => StackFrame().IsMatch(l)), "No stack trace for an expected network failure:\n" + log);
        Assert.True(!lines.Any(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)), "No error line:\n" + log);

        // Start-up, the episode, its end, shutdown: a screenful. Before the quiet logs the same run printed about
        // a thousand lines.
        Assert.True(lines.Count <= 60, $"{lines.Count} lines:\n" + log);
    }

    private async Task<Run> StartAsync(Uri influxUrl, string database)
    {
        var simulator = ConnectorCommandProcess.Start(["simulate", "--port", "0", "--token", "outage-log-token", "--rate", "40", "--seed", "7"]);
        var running = await simulator.WaitForLineAsync("Simulated Home Assistant running at", Timeout, "The simulator");
        var home = TcpGate.Open(new Uri(running[(running.LastIndexOf(' ') + 1)..]).Port);
        var healthPort = FreePort.Get();
        var connector = ConnectorCommandProcess.Start(["run"], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Connector__Transport"] = "Direct",
            ["Direct__Sink"] = "InfluxDb",
            ["Direct__DataPath"] = _folder.Path,
            ["InfluxDb__Url"] = influxUrl.ToString(),
            ["InfluxDb__ApiVersion"] = "V1",
            ["InfluxDb__Database"] = database,
            ["InfluxDb__MaxRetryAttempts"] = "2",
            ["InfluxDb__RetryBaseDelay"] = "00:00:00.200",
            ["InfluxDb__RetryMaxDelay"] = "00:00:01",
            ["InfluxDb__Timeout"] = "00:00:02",
            ["Connector__RetryMaxDelay"] = "00:00:01",
            ["Batching__MaxBatchDelay"] = "00:00:00.200",
            ["HomeAssistant__Url"] = $"http://127.0.0.1:{home.Port}/",
            ["HomeAssistant__Token"] = "outage-log-token",
            ["HomeAssistant__StatePath"] = Path.Combine(_folder.Path, "state"),
            ["HomeAssistant__ReconnectMinDelay"] = "00:00:00.200",
            ["HomeAssistant__ReconnectMaxDelay"] = "00:00:01",
            ["Journal__Path"] = Path.Combine(_folder.Path, "journal"),
            ["Health__Address"] = "127.0.0.1",
            ["Health__Port"] = healthPort.ToString(CultureInfo.InvariantCulture),
        });
        var run = new Run(simulator, home, connector);
        try
        {
            await Eventually.AssertAsync(
                async () => (await MetricAsync(healthPort, "haingestor_connector_ha_connected")) >= 1 || connector.HasExited,
                Timeout,
                "the connector connects to the simulator");
            Assert.False(connector.HasExited, "The connector exited at start:\n" + connector.Tail());
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitForPointsAsync(InfluxDbTestDatabase database, ConnectorCommandProcess connector) =>
        await Eventually.AssertAsync(
            async () => (await database.QueryAsync("SELECT count(\"state\") FROM \"home_assistant_events\"")).Count > 0,
            Timeout,
            "the simulator's events reach InfluxDB before the outage. Output:\n" + connector.Tail());

    private static async Task<IReadOnlyList<string>> StopAsync(ConnectorCommandProcess connector)
    {
        await connector.TerminateAsync();
        await connector.WaitForExitAsync(Timeout, "The connector on SIGTERM");
        return connector.Lines;
    }

    private static async Task<double> MetricAsync(int port, string name)
    {
        try
        {
            var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return text.Split('\n')
                .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"after (?<outage>\d+:\d\d:\d\d(\.\d+)?) \((?<failures>\d+) failed attempts\): (?<journaled>\d+) events journaled and (?<replayed>\d+) replayed meanwhile, (?<deadLettered>\d+) dead-lettered")]
    private static partial Regex RecoveryLine();

    [GeneratedRegex(@"again after \d+:\d\d:\d\d(\.\d+)? \(\d+ failed attempts; version [^)]+\)")]
    private static partial Regex ReconnectedLine();

    [GeneratedRegex(@"^\s+at \S+\(")]
    private static partial Regex StackFrame();

    private sealed class Run(ConnectorCommandProcess simulator, TcpGate home, ConnectorCommandProcess connector) : IAsyncDisposable
    {
        public TcpGate Home => home;

        public ConnectorCommandProcess Connector => connector;

        public async ValueTask DisposeAsync()
        {
            await connector.DisposeAsync();
            await home.DisposeAsync();
            await simulator.DisposeAsync();
        }
    }
}
