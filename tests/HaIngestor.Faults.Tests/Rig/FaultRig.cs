using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using HaIngestor.TestUtilities;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// One scenario's world: the simulator process, a fresh InfluxDB database behind the fault proxy, a dead-letter
/// container on Azurite, a journal folder, and the connector process (started, killed and restarted by the test).
/// Short settings make the faults quick (fake time cannot cross processes): pings every second, retries within
/// about a second, batches every 200 ms; every one of them is a documented setting.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    private readonly string _scenario;
    private readonly List<ConnectorProcess> _connectors = [];
    private long _peakRssKiB;

    private FaultRig(string scenario, string folder, InfluxDbTestDatabase database, InfluxProxy proxy, SimulatorProcess simulator, BlobContainerClient deadLetters)
    {
        _scenario = scenario;
        Folder = folder;
        Database = database;
        Proxy = proxy;
        Simulator = simulator;
        DeadLetters = deadLetters;
    }

    public string Folder { get; }

    public InfluxDbTestDatabase Database { get; }

    public InfluxProxy Proxy { get; }

    public SimulatorProcess Simulator { get; }

    public BlobContainerClient DeadLetters { get; }

    public ConnectorProcess Connector => _connectors[^1];

    public string JournalPath => Path.Combine(Folder, "journal");

    public static async Task<FaultRig> StartAsync(string scenario, double rate = 80)
    {
        var folder = Directory.CreateTempSubdirectory($"hai-fault-{scenario}-").FullName;
        var database = await InfluxDbTestDatabase.CreateAsync($"fault_{scenario}");
        var proxy = await InfluxProxy.StartAsync(database.BaseUrl);
        var simulator = await SimulatorProcess.StartAsync(rate);
        var container = new BlobContainerClient(TestServers.AzuriteConnectionString, $"fault-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        return new FaultRig(scenario, folder, database, proxy, simulator, container);
    }

    /// <summary>The connector's settings for this rig; a scenario changes what it needs before starting it.</summary>
    public Dictionary<string, string> Settings(int healthPort) => new(StringComparer.Ordinal)
    {
        ["Connector__Transport"] = "Direct",
        ["Direct__Sink"] = "InfluxDb",
        ["Direct__DataPath"] = Folder,
        ["InfluxDb__Url"] = Proxy.Url.ToString(),
        ["InfluxDb__ApiVersion"] = "V1",
        ["InfluxDb__Database"] = Database.Name,
        ["InfluxDb__MaxRetryAttempts"] = "2",
        ["InfluxDb__RetryBaseDelay"] = "00:00:00.200",
        ["InfluxDb__RetryMaxDelay"] = "00:00:01",
        ["InfluxDb__Timeout"] = "00:00:02",
        ["Connector__RetryMaxDelay"] = "00:00:01",
        ["Connector__DrainTimeout"] = "00:00:10",
        ["Batching__MaxBatchDelay"] = "00:00:00.200",
        ["Pipeline__Precision"] = "Microseconds",
        ["HomeAssistant__Url"] = Simulator.BaseUrl.ToString(),
        ["HomeAssistant__Token"] = SimulatorProcess.Token,
        ["HomeAssistant__EventTypes__0"] = "state_changed",
        ["HomeAssistant__StatePath"] = Path.Combine(Folder, "state"),
        ["HomeAssistant__PingInterval"] = "00:00:01",
        ["HomeAssistant__PongTimeout"] = "00:00:01",
        ["HomeAssistant__ReconnectMinDelay"] = "00:00:00.200",
        ["HomeAssistant__ReconnectMaxDelay"] = "00:00:01",
        ["HomeAssistant__AuthFailureRetryDelay"] = "00:00:01",
        ["Journal__Path"] = JournalPath,
        ["DeadLetters__ConnectionString"] = TestServers.AzuriteConnectionString,
        ["DeadLetters__Container"] = DeadLetters.Name,
        ["Health__Address"] = "127.0.0.1",
        ["Health__Port"] = healthPort.ToString(CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Information",
    };

    /// <summary>Starts (or restarts) the connector with <see cref="Settings"/> changed by <paramref name="configure"/>.</summary>
    public async Task<ConnectorProcess> StartConnectorAsync(Action<Dictionary<string, string>>? configure = null)
    {
        var port = FreePort.Get();
        var settings = Settings(port);
        configure?.Invoke(settings);
        var connector = await ConnectorProcess.StartAsync(settings, port);
        _connectors.Add(connector);
        return connector;
    }

    public async Task<Dictionary<string, double>> MetricsAsync() =>
        await Connector.TryMetricsAsync() ?? throw new InvalidOperationException($"The connector's /metrics does not answer. Output:\n{Connector.Process.Tail()}");

    /// <summary>
    /// Time from the end of the fault (now, or <paramref name="since"/> for a fault that is one instant: a restart, a
    /// kill) until the connector is connected again with an empty journal and buffer. Recorded, never asserted.
    /// </summary>
    public async Task<TimeSpan> WaitRecoveredAsync(string what, Stopwatch? since = null)
    {
        var clock = since ?? Stopwatch.StartNew();
        while (clock.Elapsed < SettleTimeout)
        {
            if (await Connector.TryMetricsAsync() is { } m
                && m.GetValueOrDefault("haingestor_connector_ha_connected") >= 1
                && m.GetValueOrDefault("haingestor_connector_journal_depth") == 0
                && m.GetValueOrDefault("haingestor_connector_buffer_depth") == 0
                && m.GetValueOrDefault("haingestor_connector_spilling") == 0)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The connector did not recover from {what} within {SettleTimeout.TotalSeconds:0} s. Output:\n{Connector.Process.Tail()}");
        return clock.Elapsed;
    }

    /// <summary>
    /// Stops the simulated activity, waits until the connector has delivered everything (journal and buffer empty)
    /// and the account no longer changes, and returns it.
    /// </summary>
    public async Task<EventAccount> SettleAsync()
    {
        await Simulator.PostAsync("activity?on=false");
        var clock = Stopwatch.StartNew();
        EventAccount? previous = null;
        var stableFor = 0;
        while (clock.Elapsed < SettleTimeout)
        {
            await Task.Delay(500);
            var metrics = await Connector.TryMetricsAsync();
            var account = await AccountAsync(metrics);
            var idle = metrics is not null
                && metrics.GetValueOrDefault("haingestor_connector_journal_depth") == 0
                && metrics.GetValueOrDefault("haingestor_connector_buffer_depth") == 0;
            stableFor = idle && account.Totals == previous?.Totals ? stableFor + 1 : 0;
            previous = account;
            if (stableFor >= 3)
            {
                return account;
            }
        }

        Assert.Fail($"The account of {_scenario} did not settle within {SettleTimeout.TotalSeconds:0} s: {previous}. Connector:\n{Connector.Process.Tail()}");
        return previous!;
    }

    public async Task<EventAccount> AccountAsync(Dictionary<string, double>? metrics = null)
    {
        var simulator = await Simulator.EventsAsync();
        var stored = await StoredAsync();
        var (deadLetters, reasons) = await DeadLettersAsync();
        var skipped = (long)(metrics ?? await Connector.TryMetricsAsync() ?? []).GetValueOrDefault("haingestor_connector_ha_restart_duplicates_total");
        return EventAccount.Compute(simulator, stored, deadLetters, reasons, skipped);
    }

    /// <summary>The peak RSS over every connector process of the scenario, in MiB.</summary>
    public double PeakRssMiB()
    {
        foreach (var connector in _connectors)
        {
            if (!connector.Process.HasExited)
            {
                connector.Process.SamplePeakRss();
            }

            _peakRssKiB = Math.Max(_peakRssKiB, connector.Process.PeakRssKiB);
        }

        return _peakRssKiB / 1024.0;
    }

    private async Task<Dictionary<string, StoredSeries>> StoredAsync()
    {
        var result = new Dictionary<string, StoredSeries>(StringComparer.Ordinal);
        var series = await Database.QueryAsync("SELECT \"state\", \"catch_up\" FROM \"home_assistant_events\" GROUP BY \"entity_id\"", epoch: "u");
        foreach (var item in series)
        {
            var entity = item.Tags.GetValueOrDefault("entity_id") ?? string.Empty;
            var times = new HashSet<long>();
            var catchUp = new HashSet<long>();
            var duplicates = 0;
            foreach (var row in item.Rows())
            {
                var time = row["time"].GetInt64();
                duplicates += times.Add(time) ? 0 : 1;
                if (row.TryGetValue("catch_up", out var flag) && flag.ValueKind == JsonValueKind.True)
                {
                    catchUp.Add(time);
                }
            }

            result[entity] = new StoredSeries(times, catchUp, duplicates);
        }

        return result;
    }

    private async Task<(Dictionary<string, HashSet<long>> Letters, List<string> Reasons)> DeadLettersAsync()
    {
        var letters = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var blob in DeadLetters.GetBlobsAsync())
        {
            var content = (await DeadLetters.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var letter = JsonDocument.Parse(line);
                var reason = letter.RootElement.GetProperty("reason").GetString();
                Assert.False(string.IsNullOrWhiteSpace(reason), $"A dead letter without a reason: {line}");
                reasons.Add(reason!);
                if (Identity(letter.RootElement.GetProperty("message").GetString()!) is { } identity)
                {
                    (letters.TryGetValue(identity.Entity, out var set) ? set : letters[identity.Entity] = []).Add(identity.Micros);
                }
            }
        }

        return (letters, [.. reasons]);
    }

    /// <summary>Entity and point time (µs) of an event message, as the account keys them.</summary>
    private static (string Entity, long Micros)? Identity(string message)
    {
        using var document = JsonDocument.Parse(message);
        if (!document.RootElement.TryGetProperty("event", out var haEvent)
            || !haEvent.TryGetProperty("data", out var data)
            || !data.TryGetProperty("entity_id", out var entity))
        {
            return null;
        }

        var time = data.TryGetProperty("new_state", out var state) && state.ValueKind == JsonValueKind.Object
            ? state.GetProperty("last_updated").GetString()
            : haEvent.GetProperty("time_fired").GetString();
        var instant = DateTimeOffset.Parse(time!, CultureInfo.InvariantCulture);
        return (entity.GetString()!, (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors)
        {
            await connector.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        await Proxy.DisposeAsync();
        await Database.DisposeAsync();
        await DeadLetters.DeleteIfExistsAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
