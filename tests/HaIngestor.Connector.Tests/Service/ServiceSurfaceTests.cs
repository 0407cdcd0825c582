using System.Net;
using System.Text.Json;
using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Service;

public sealed class ServiceSurfaceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new("hai-service");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Health_ConnectedToSimulator_Answers200WithHomeJournalAndTransport()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 100 });
        var port = FreePort.Get();
        await using var app = RunCommand.Build(Settings(simulator, port));
        await app.StartAsync();
        try
        {
            JsonElement health = default;
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    return response.StatusCode == HttpStatusCode.OK && health.GetProperty("status").GetString() == "healthy"
                        && health.GetProperty("homes")[0].GetProperty("events_received").GetInt64() > 0;
                },
                Timeout,
                "healthy with events");

            var home = health.GetProperty("homes")[0];
            Assert.Equal("main", home.GetProperty("home").GetString());
            Assert.Equal("Connected", home.GetProperty("state").GetString());
            Assert.Equal("direct", health.GetProperty("transport").GetProperty("name").GetString());
            Assert.True(health.GetProperty("journal").TryGetProperty("depth", out _));
            Assert.DoesNotContain(simulator.Token, health.ToString(), StringComparison.Ordinal);

            string metrics = string.Empty;
            await Eventually.AssertAsync(
                async () =>
                {
                    metrics = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                    return MetricValue(metrics, "haingestor_connector_events_published_total") > 0;
                },
                Timeout,
                "events published");
            Assert.True(MetricValue(metrics, "haingestor_connector_events_received_total") > 0);
            Assert.Contains("haingestor_connector_ha_connected{home=\"main\"} 1", metrics, StringComparison.Ordinal);

            // Direct mode: one name per meaning. The pipeline's counters and histograms, none of the connector's twins.
            // (The pipeline counts a batch as it starts, the connector as published once it is through.)
            Assert.True(MetricValue(metrics, "haingestor_events_received_total") >= MetricValue(metrics, "haingestor_connector_events_published_total"));
            Assert.Contains("haingestor_batch_size_bucket{le=\"+Inf\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE haingestor_event_lag_seconds histogram", metrics, StringComparison.Ordinal);
            foreach (var twin in (string[])["haingestor_connector_batch_size", "haingestor_connector_event_lag", "haingestor_connector_events_rejected", "haingestor_connector_events_deadlettered"])
            {
                Assert.DoesNotContain(twin, metrics, StringComparison.Ordinal);
            }

            Assert.Contains("haingestor_connector_ha_reconnects_total{home=\"main\"}", metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(simulator.Token, metrics, StringComparison.Ordinal);

            // The Prometheus conventions, as Prometheus' own linter reads them (base units, suffixes, help texts).
            var (exitCode, findings) = await Promtool.CheckMetricsAsync(metrics);
            Assert.True(exitCode == 0 && findings.Length == 0, $"promtool check metrics exited with {exitCode}:\n{findings}");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Health_TokenRejected_Answers503NamingTheHome()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 1 });
        simulator.RejectTokens(true);
        var port = FreePort.Get();
        await using var app = RunCommand.Build(Settings(simulator, port));
        await app.StartAsync();
        try
        {
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    var body = await response.Content.ReadAsStringAsync();
                    return response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("home main: token rejected", StringComparison.Ordinal);
                },
                Timeout,
                "503 with the reason");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [InlineData("Connector:BufferCapacity", "1", "BufferCapacity")]
    [InlineData("Batching:MaxBatchSize", "0", "MaxBatchSize")]
    [InlineData("Batching:MaxBatchDelay", "00:00:00", "MaxBatchDelay")]
    [InlineData("Batching:Capacity", "500", "Batching:Capacity is not a setting")]
    [InlineData("Journal:WriteQueueCapacity", "1", "WriteQueueCapacity")]
    [InlineData("Journal:MaxBytes", "10", "MaxBytes")]
    [InlineData("Connector:Transport", "EventHubs", "EventHubs:FullyQualifiedNamespace")]
    [InlineData("HomeAssistant:Url", "not a url", "Url")]
    public async Task RunAsync_BadSetting_ExitsWith2NamingTheSetting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connector:Transport"] = "Direct",
            ["Direct:DataPath"] = _folder.Path,
            ["Journal:Path"] = Path.Combine(_folder.Path, "journal"),
            ["HomeAssistant:Url"] = "http://127.0.0.1:9",
            ["HomeAssistant:Token"] = "t",
            ["Health:Address"] = "127.0.0.1",
            ["Health:Port"] = "0",
            [key] = value,
        };
        var error = new StringWriter();

        var exitCode = await RunCommand.RunAsync(settings, error, CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exitCode);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(HaSimulator simulator, int port) => new()
    {
        ["Connector:Transport"] = "Direct",
        ["Direct:DataPath"] = _folder.Path,
        ["Journal:Path"] = Path.Combine(_folder.Path, "journal"),
        ["HomeAssistant:Url"] = simulator.BaseUrl.ToString(),
        ["HomeAssistant:Token"] = simulator.Token,
        ["HomeAssistant:Home"] = "main",
        ["Health:Address"] = "127.0.0.1",
        ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Batching:MaxBatchDelay"] = "00:00:00.200",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static double MetricValue(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
