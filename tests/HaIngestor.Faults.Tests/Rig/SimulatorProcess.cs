using System.Globalization;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// <c>connector simulate --control-port 0</c> as a child process: the Home Assistant the connector talks to, and its
/// control surface (the per-entity log of fired and sent events, and the fault knobs).
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConnectorCommandProcess _process;

    private SimulatorProcess(ConnectorCommandProcess process, Uri baseUrl, Uri control)
    {
        _process = process;
        BaseUrl = baseUrl;
        Control = control;
    }

    public const string Token = "fault-suite-token";

    public Uri BaseUrl { get; }

    public Uri Control { get; }

    public static async Task<SimulatorProcess> StartAsync(double rate)
    {
        var process = ConnectorCommandProcess.Start(
            ["simulate", "--port", "0", "--control-port", "0", "--token", Token, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--seed", "7"],
            new Dictionary<string, string>());
        var running = await process.WaitForLineAsync("Simulated Home Assistant running at", TimeSpan.FromSeconds(60), "The simulator");
        var control = await process.WaitForLineAsync("Control:", TimeSpan.FromSeconds(60), "The simulator");
        return new SimulatorProcess(
            process,
            new Uri(running[(running.LastIndexOf(' ') + 1)..]),
            new Uri(control[(control.LastIndexOf(' ') + 1)..].Replace("/events", "/", StringComparison.Ordinal)));
    }

    /// <summary>POSTs a control command (<c>restart</c>, <c>revoke</c>, <c>stall?ms=2000</c>, ...).</summary>
    public async Task PostAsync(string command)
    {
        using var response = await Http.PostAsync(new Uri(Control, command), null);
        Assert.True(response.IsSuccessStatusCode, $"Simulator control {command}: {(int)response.StatusCode}");
    }

    /// <summary>Per entity, the state_changed timestamps (µs) fired on the bus and sent to a client.</summary>
    public async Task<Dictionary<string, (HashSet<long> Fired, List<long> Sent)>> EventsAsync() =>
        new((await LogAsync()).Entities, StringComparer.Ordinal);

    /// <summary>One snapshot of the log: per entity what was fired and sent, and per connection what was sent on it.</summary>
    public async Task<SimulatorLog> LogAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Control, "events")));
        var entities = new Dictionary<string, (HashSet<long>, List<long>)>(StringComparer.Ordinal);
        foreach (var entity in document.RootElement.GetProperty("entities").EnumerateObject())
        {
            entities[entity.Name] = (
                [.. entity.Value.GetProperty("fired").EnumerateArray().Select(v => v.GetInt64())],
                [.. entity.Value.GetProperty("sent").EnumerateArray().Select(v => v.GetInt64())]);
        }

        var connections = new List<SentConnection>();
        foreach (var connection in document.RootElement.GetProperty("connections").EnumerateArray())
        {
            var frames = connection.GetProperty("frames").EnumerateArray()
                .Select(f => (IReadOnlyList<(string, long)>)[.. f.EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetInt64()))])
                .ToList();
            connections.Add(new SentConnection(connection.GetProperty("id").GetInt64(), connection.GetProperty("ended").GetString()!, frames));
        }

        return new SimulatorLog(entities, connections);
    }

    public string Tail() => _process.Tail();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
