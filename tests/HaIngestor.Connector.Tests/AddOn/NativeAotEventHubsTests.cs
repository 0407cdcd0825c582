using System.Globalization;
using System.Net;
using System.Text.Json;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>
/// The native AOT connector (<see cref="NativeAotConnector"/>) in Event Hubs mode, the mode a container next to Home
/// Assistant ships in, with the hub unreachable (a loopback port with nothing behind it). The Event Hubs client's
/// AMQP and WebSocket paths, its retry policy and the journal only show trimming or reflection failures in the
/// native build, so they run here: every event is journaled, the outage is reported once with its reason, health
/// says degraded, the key is never shown, and a container stop drains cleanly.
/// </summary>
public sealed class NativeAotEventHubsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // A syntactically valid shared access key that appears nowhere else: it must never reach the log or a page.
    private const string Key = "bmF0aXZlLWFvdC1ldmVudC1odWJzLWtleS1uZXZlci1zaG93bg==";

    private readonly TempFolder _data = new("hai-aot-eventhubs");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }

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
            ["EventHubs__ConnectionString"] = $"Endpoint=sb://127.0.0.1:{FreePort.Get()}/;SharedAccessKeyName=send;SharedAccessKey={Key};EntityPath=hub",
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
            Assert.DoesNotContain(Key, body, StringComparison.Ordinal);
        }

        // One line for the whole outage, with its reason, not one per failed send.
        Assert.Equal(1, connector.Lines.Count(l => l.Contains(" unavailable (", StringComparison.Ordinal)));
        Assert.DoesNotContain("MissingMetadataException", log, StringComparison.Ordinal);
        var journal = Path.Combine(_data.Path, "data", "journal");
        Assert.True(Directory.Exists(journal) && Directory.EnumerateFiles(journal, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) > 0, "no journal written under " + journal + ":\n" + connector.Tail());
    }
}
