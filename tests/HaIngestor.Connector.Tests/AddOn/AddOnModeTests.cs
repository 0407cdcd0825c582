using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>
/// The connector as the Supervisor runs it: SUPERVISOR_TOKEN set, options in options.json, Home Assistant reached
/// only through the (simulated) Supervisor proxy at /core/api/ and /core/websocket.
/// </summary>
public sealed class AddOnModeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _data = new("hai-addon");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Run_AddOnModeThroughSupervisorProxy_IngestsEventsIntoTheDataFolder()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 100, SupervisorToken = "addon-token-123" });
        WriteOptions("""{"transport":"files","schema":"default","home":"cabin","weather_provider":"none","exclude_domains":["sun"]}""");
        var port = FreePort.Get();
        await using var app = RunCommand.Build(Settings(simulator, port, "addon-token-123"));
        await app.StartAsync();
        try
        {
            JsonElement health = default;
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    return response.StatusCode == HttpStatusCode.OK
                        && health.GetProperty("homes")[0].GetProperty("events_received").GetInt64() > 0
                        && Directory.Exists(Path.Combine(_data.Path, "lines"))
                        && Directory.EnumerateFiles(Path.Combine(_data.Path, "lines"), "*.lp").Any(f => new FileInfo(f).Length > 200);
                },
                Timeout,
                "events received through the proxy and written under the data folder");

            Assert.Equal("cabin", health.GetProperty("homes")[0].GetProperty("home").GetString());
            Assert.Equal("Connected", health.GetProperty("homes")[0].GetProperty("state").GetString());
            Assert.True(Directory.Exists(Path.Combine(_data.Path, "journal")), "journal under the data folder");
            var lines = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(_data.Path, "lines"), "*.lp").First());
            Assert.Contains("home=cabin", lines, StringComparison.Ordinal);
            Assert.DoesNotContain("domain=sun", lines, StringComparison.Ordinal);
            // Invariant 5: the token is in none of the HTTP surfaces.
            foreach (var path in (string[])["health", "metrics", "status.json", string.Empty])
            {
                var body = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/{path}"));
                Assert.DoesNotContain("addon-token-123", body, StringComparison.Ordinal);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Run_WrongSupervisorToken_Answers503TokenRejected()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 1, SupervisorToken = "right" });
        WriteOptions("""{"transport":"files","schema":"default","weather_provider":"none"}""");
        var port = FreePort.Get();
        await using var app = RunCommand.Build(Settings(simulator, port, "wrong"));
        await app.StartAsync();
        try
        {
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    var body = await response.Content.ReadAsStringAsync();
                    return response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("token rejected", StringComparison.Ordinal);
                },
                Timeout,
                "503 with the token rejected");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task RunAsync_BadOption_ExitsWith2NamingTheOption()
    {
        WriteOptions("""{"transport":"influxdb","schema":"default","weather_provider":"none"}""");
        var error = new StringWriter();

        var exitCode = await RunCommand.RunAsync(
            new Dictionary<string, string?>
            {
                ["SUPERVISOR_TOKEN"] = "t",
                ["AddOn:OptionsPath"] = Path.Combine(_data.Path, "options.json"),
                ["Health:Address"] = "127.0.0.1",
                ["Health:Port"] = "0",
            },
            error,
            CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exitCode);
        Assert.Contains("'influxdb_url'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupervisorProxy_WebSocket_RunsItsOwnAuthPhaseWithTheAddOnToken()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, SupervisorToken = "addon", HaVersion = "2026.11.3" });
        var socketUrl = new Uri($"ws://127.0.0.1:{simulator.Port}/core/websocket");

        using var rejected = new ClientWebSocket();
        await rejected.ConnectAsync(socketUrl, CancellationToken.None);
        Assert.Contains("\"auth_required\"", await ReceiveAsync(rejected), StringComparison.Ordinal);
        await SendAsync(rejected, """{"type":"auth","access_token":"simulator-token"}""");
        Assert.Equal("""{"type": "auth_invalid", "message": "Invalid access"}""", await ReceiveAsync(rejected));

        using var accepted = new ClientWebSocket();
        await accepted.ConnectAsync(socketUrl, CancellationToken.None);
        Assert.Contains("\"ha_version\": \"2026.11.3\"", await ReceiveAsync(accepted), StringComparison.Ordinal);
        await SendAsync(accepted, """{"type":"auth","access_token":"addon"}""");
        Assert.Contains("\"auth_ok\"", await ReceiveAsync(accepted), StringComparison.Ordinal);
        await SendAsync(accepted, """{"id":1,"type":"ping"}""");
        Assert.Contains("\"pong\"", await ReceiveAsync(accepted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupervisorProxy_Rest_ChecksTheAddOnTokenThenAnswersAsCore()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, SupervisorToken = "addon" });
        var root = new Uri($"http://127.0.0.1:{simulator.Port}/core/api/");

        using var withHaToken = new HttpRequestMessage(HttpMethod.Get, root) { Headers = { { "Authorization", "Bearer simulator-token" } } };
        using var withAddOnToken = new HttpRequestMessage(HttpMethod.Get, root) { Headers = { { "Authorization", "Bearer addon" } } };
        using var withHaAccess = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "states")) { Headers = { { "X-Ha-Access", "addon" } } };
        using var denied = await _http.SendAsync(withHaToken);
        using var ok = await _http.SendAsync(withAddOnToken);
        using var states = await _http.SendAsync(withHaAccess);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"message":"API running."}""", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, states.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await states.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private void WriteOptions(string json) => File.WriteAllText(Path.Combine(_data.Path, "options.json"), json);

    private Dictionary<string, string?> Settings(HaSimulator simulator, int port, string supervisorToken) => new()
    {
        ["SUPERVISOR_TOKEN"] = supervisorToken,
        ["AddOn:OptionsPath"] = Path.Combine(_data.Path, "options.json"),
        ["AddOn:SupervisorUrl"] = $"http://127.0.0.1:{simulator.Port}",
        ["Health:Address"] = "127.0.0.1",
        ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Batching:MaxBatchDelay"] = "00:00:00.200",
    };
}
