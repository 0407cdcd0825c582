using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>
/// The connector published with native AOT (<see cref="NativeAotConnector"/>), what the add-on image ships, run as a
/// process: in add-on mode with the Dockerfile's runtime settings against the simulated Supervisor proxy, and in
/// Event Hubs mode with the hub unreachable. Features that only fail under AOT (configuration binding, options
/// validation, JSON, the HTTP endpoints, the WebSocket client, the Event Hubs client's AMQP and WebSocket paths, its
/// retry policy, the journal) fail here.
/// </summary>
public sealed partial class NativeAotConnectorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // A syntactically valid shared access key that appears nowhere else: it must never reach the log or a page.
    private const string EventHubsKey = "bmF0aXZlLWFvdC1ldmVudC1odWJzLWtleS1uZXZlci1zaG93bg==";

    private readonly TempFolder _data = new("hai-aot");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Run_NativeAotBuildInAddOnMode_IngestsThroughTheProxyAndServesHealthMetricsAndStatusPage()
    {
        var executable = await NativeAotConnector.GetAsync();
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 100, SupervisorToken = "aot-addon-token" });
        File.WriteAllText(
            Path.Combine(_data.Path, "options.json"),
            """{"transport":"files","schema":"default","home":"cabin","weather_provider":"none","exclude_domains":["sun"]}""");
        var port = FreePort.Get();
        var environment = DockerfileRuntimeSettings();
        environment["SUPERVISOR_TOKEN"] = "aot-addon-token";
        environment["AddOn__OptionsPath"] = Path.Combine(_data.Path, "options.json");
        environment["AddOn__SupervisorUrl"] = $"http://127.0.0.1:{simulator.Port}";
        environment["Health__Address"] = "127.0.0.1";
        environment["Health__Port"] = port.ToString(CultureInfo.InvariantCulture);
        environment["Batching__MaxBatchDelay"] = "00:00:00.200";
        await using var connector = ConnectorCommandProcess.StartExecutable(executable, ["run"], environment, _data.Path);

        var lines = Path.Combine(_data.Path, "lines");
        JsonElement health = default;
        await Eventually.AssertAsync(
            async () =>
            {
                Assert.False(connector.HasExited, "The native connector exited:\n" + connector.Tail());
                try
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    return response.StatusCode == HttpStatusCode.OK
                        && health.GetProperty("homes")[0].GetProperty("events_received").GetInt64() > 0
                        && Directory.Exists(lines)
                        && Directory.EnumerateFiles(lines, "*.lp").Any(f => new FileInfo(f).Length > 200);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            Timeout,
            "events received through the Supervisor proxy by the native connector and written under the data folder");

        Assert.Equal("cabin", health.GetProperty("homes")[0].GetProperty("home").GetString());
        Assert.Equal("Connected", health.GetProperty("homes")[0].GetProperty("state").GetString());
        var written = File.ReadAllText(Directory.EnumerateFiles(lines, "*.lp").First());
        Assert.Contains("home=cabin", written, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=sun", written, StringComparison.Ordinal);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/")) { Headers = { { "X-Ingress-Path", "/api/hassio_ingress/abc" } } };
        using var answer = await _http.SendAsync(page);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cabin", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/hassio_ingress/abc/health\"", html, StringComparison.Ordinal);
        var metrics = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Matches(ReceivedTotal(), metrics);
        var status = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/status.json"))).RootElement;
        Assert.Equal(JsonValueKind.Object, status.ValueKind);
        foreach (var body in (string[])[html, metrics, status.GetRawText()])
        {
            Assert.DoesNotContain("aot-addon-token", body, StringComparison.Ordinal);
        }

        // A container stop: SIGTERM drains and exits cleanly, as under the JIT runtime.
        await connector.TerminateAsync();
        Assert.Equal(0, await connector.WaitForExitAsync(Timeout, "The native connector after SIGTERM"));
    }

    /// <summary>
    /// Event Hubs mode, the mode a container next to Home Assistant ships in, with the hub a loopback port with nothing
    /// behind it: every event is journaled, the outage is reported once with its reason, health says degraded, the key
    /// is never shown, and a container stop drains cleanly.
    /// </summary>
    [Theory]
    [InlineData("AmqpTcp")]
    [InlineData("AmqpWebSockets")]
    public async Task Run_NativeAotBuildWithTheHubUnreachable_JournalsEveryEventReportsTheOutageOnceAndStopsCleanly(string transportType)
    {
        var executable = await NativeAotConnector.GetAsync();
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 50, Token = "aot-eventhubs-token" });
        var port = FreePort.Get();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Connector__Transport"] = "EventHubs",
            ["EventHubs__ConnectionString"] = $"Endpoint=sb://127.0.0.1:{FreePort.Get()}/;SharedAccessKeyName=send;SharedAccessKey={EventHubsKey};EntityPath=hub",
            ["EventHubs__TransportType"] = transportType,
            ["HOME_ASSISTANT_URL"] = $"http://127.0.0.1:{simulator.Port}",
            ["HOME_ASSISTANT_TOKEN"] = "aot-eventhubs-token",
            ["Health__Address"] = "127.0.0.1",
            ["Health__Port"] = port.ToString(CultureInfo.InvariantCulture),
        };
        await using var connector = ConnectorCommandProcess.StartExecutable(executable, ["run"], environment, _data.Path);

        JsonElement health = default;
        await Eventually.AssertAsync(
            async () =>
            {
                Assert.False(connector.HasExited, "The native connector exited:\n" + connector.Tail());
                try
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    return health.GetProperty("transport").GetProperty("state").GetString() == "failing"
                        && health.GetProperty("journal").GetProperty("depth").GetInt64() > 0
                        && health.GetProperty("homes")[0].GetProperty("events_received").GetInt64() > 0;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            Timeout,
            $"the native connector ({transportType}) connected to Home Assistant, failing to reach the hub and journaling");

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains("transport failing: events are journaled", health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Connected", health.GetProperty("homes")[0].GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(health.GetProperty("transport").GetProperty("last_error").GetString()), health.GetRawText());

        // More events keep arriving and keep being journaled while the hub stays unreachable.
        var depth = health.GetProperty("journal").GetProperty("depth").GetInt64();
        await Eventually.AssertAsync(
            async () => JsonDocument.Parse(await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health"))).RootElement.GetProperty("journal").GetProperty("depth").GetInt64() > depth,
            Timeout,
            "the journal growing while the hub is unreachable");

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"));
        using var answer = await _http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var bodies = new[]
        {
            await answer.Content.ReadAsStringAsync(),
            await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")),
            await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/status.json")),
            await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health")),
        };

        // A container stop: SIGTERM drains what is in memory to the journal and exits cleanly.
        await connector.TerminateAsync();
        Assert.Equal(0, await connector.WaitForExitAsync(Timeout, $"The native connector ({transportType}) after SIGTERM"));

        var log = connector.Output;
        foreach (var body in bodies.Append(log))
        {
            Assert.DoesNotContain(EventHubsKey, body, StringComparison.Ordinal);
        }

        // One line for the whole outage, with its reason, not one per failed send.
        Assert.Equal(1, connector.Lines.Count(l => l.Contains(" unavailable (", StringComparison.Ordinal)));
        Assert.DoesNotContain("MissingMetadataException", log, StringComparison.Ordinal);
        var journal = Path.Combine(_data.Path, "data", "journal");
        Assert.True(Directory.Exists(journal) && Directory.EnumerateFiles(journal, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) > 0, "no journal written under " + journal + ":\n" + connector.Tail());
    }

    /// <summary>The <c>DOTNET_</c> settings of addon/Dockerfile's <c>ENV</c>, so the process runs as the image does.</summary>
    private static Dictionary<string, string> DockerfileRuntimeSettings()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("addon", "Dockerfile"));
        var settings = DotnetSetting().Matches(dockerfile).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        Assert.Contains("DOTNET_GCHeapHardLimit", settings.Keys);
        return settings;
    }

    [GeneratedRegex(@"^\s*(?:ENV\s+)?(?<name>DOTNET_GC\w+|DOTNET_gc\w+)=(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DotnetSetting();

    [GeneratedRegex(@"(?m)^haingestor_connector_events_received_total(\{[^}]*\})? [1-9]")]
    private static partial Regex ReceivedTotal();
}
