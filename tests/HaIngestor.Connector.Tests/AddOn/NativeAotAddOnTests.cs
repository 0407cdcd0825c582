using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>
/// What the add-on image ships: the connector published with native AOT (<see cref="NativeAotConnector"/>), run as
/// a process with the Dockerfile's runtime settings, in add-on mode against the simulated Supervisor proxy. Features
/// that only fail under AOT (configuration binding, options validation, JSON, the HTTP endpoints, the WebSocket
/// client) fail here.
/// </summary>
public sealed partial class NativeAotAddOnTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _data = new("hai-aot-addon");
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
