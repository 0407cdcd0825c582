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
    /// <summary>The bound on every wait for the connector: 90 s, more at a higher <see cref="Scale"/> (more to deliver).</summary>
    public static TimeSpan SettleTimeout => TimeSpan.FromSeconds(90 * Math.Max(1, Scale / 4.0));

    private readonly string _scenario;
    private readonly List<ConnectorProcess> _connectors = [];
    private readonly HashSet<long> _killedConnections = [];
    private long _peakRssKiB;
    private string? _mounted;

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

    /// <summary>Every connector process this rig started, the first first.</summary>
    public IReadOnlyList<ConnectorProcess> Connectors => _connectors;

    public string JournalPath => Path.Combine(Folder, "journal");

    /// <summary>The scenario's own Redis, when it started one (<see cref="StartRedisAsync"/>).</summary>
    public RedisProcess? Redis { get; private set; }

    /// <summary>The weather API stand-in, when the scenario started one (<see cref="StartWeatherAsync"/>).</summary>
    public WeatherStandIn? Weather { get; private set; }

    /// <summary>
    /// Load multiplier from <c>HAI_FAULT_SCALE</c> (default 1: a few thousand events per scenario, seconds each, as in
    /// CI; <c>bench/reliability.sh --scale 20</c> gives the 100 k burst and 20 times the load everywhere else).
    /// </summary>
    public static int Scale { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("HAI_FAULT_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    /// <summary>How long each phase of load lasts: 2 s times <see cref="Scale"/>.</summary>
    public static TimeSpan Load => TimeSpan.FromSeconds(2 * Scale);

    public async Task<RedisProcess> StartRedisAsync() => Redis = await RedisProcess.StartAsync(Path.Combine(Folder, "redis"));

    public async Task<WeatherStandIn> StartWeatherAsync() => Weather = await WeatherStandIn.StartAsync();

    /// <summary>
    /// Mounts a tmpfs of <paramref name="bytes"/> on a fresh folder (we are root here and in CI) and returns its path;
    /// fails the test, saying why, when the volume cannot be made: a disk-full scenario without a full disk proves nothing.
    /// </summary>
    public async Task<string> MountSmallVolumeAsync(long bytes)
    {
        var path = Directory.CreateDirectory(Path.Combine(Folder, "small-volume")).FullName;
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={bytes}"), "tmpfs", path);
        Assert.True(
            code == 0,
            $"Could not mount a {bytes}-byte tmpfs on {path} for the disk-full scenario (exit {code}: {output.Trim()}). " +
            "It needs root or CAP_SYS_ADMIN, as ./test.sh has in CI; run the suite as root.");
        _mounted = path;
        return path;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

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
    public Dictionary<string, string> Settings(int healthPort) => new Dictionary<string, string>(StringComparer.Ordinal)
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
        // Not every /metrics poll and HTTP request: the output is kept for failure messages.
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__System"] = "Warning",
    }.WithServices(Redis, Weather);

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

    /// <summary>Polls <c>/metrics</c> until <paramref name="condition"/> holds; returns the time it took.</summary>
    public async Task<TimeSpan> WaitForAsync(string what, Func<Dictionary<string, double>, bool> condition, TimeSpan? timeout = null, Stopwatch? since = null)
    {
        var limit = timeout ?? SettleTimeout;
        var clock = since ?? Stopwatch.StartNew();
        var start = clock.Elapsed;
        while (clock.Elapsed - start < limit)
        {
            if (await Connector.TryMetricsAsync() is { } m && condition(m))
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Waited {limit.TotalSeconds:0} s for {what}. Connector:\n{Connector.Process.Tail()}");
        return clock.Elapsed;
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
            await Task.Delay(300);
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
        var simulator = await Simulator.LogAsync();
        var stored = await StoredAsync();
        var (deadLetters, reasons) = await DeadLettersAsync();
        metrics ??= await Connector.TryMetricsAsync() ?? [];
        var skipped = (long)metrics.GetValueOrDefault("haingestor_connector_ha_restart_duplicates_total");
        var dropped = (long)metrics.GetValueOrDefault("haingestor_connector_events_dropped_total");
        return EventAccount.Compute(simulator, stored, deadLetters, reasons, skipped, dropped, _killedConnections);
    }

    /// <summary>
    /// SIGKILLs the connector, and notes the connections open at that moment: what the killed process read from them
    /// and held only in memory is lost by the kill, so the account credits none of their events as undelivered.
    /// </summary>
    public async Task KillConnectorAsync()
    {
        var open = (await Simulator.LogAsync()).Connections.Where(c => c.Ended == "open").Select(c => c.Id).ToList();
        await Connector.Process.SignalAsync("KILL");
        _killedConnections.UnionWith(open);
        _killedConnections.UnionWith((await Simulator.LogAsync()).Connections.Where(c => c.Ended == "open").Select(c => c.Id));
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
        // Each connector process's whole log, kept beside the account for reading a scenario afterwards.
        var logs = Directory.CreateDirectory(Path.Combine(HeadlessChromium.OutputFolder, "faults-logs")).FullName;
        for (var i = 0; i < _connectors.Count; i++)
        {
            await _connectors[i].DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(logs, string.Create(CultureInfo.InvariantCulture, $"{_scenario}-connector-{i + 1}.log")), _connectors[i].Process.Output);
        }

        await Simulator.DisposeAsync();
        await Proxy.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Weather is not null)
        {
            await Weather.DisposeAsync();
        }

        if (_mounted is not null)
        {
            await RunAsync("umount", "-l", _mounted);
        }

        await Database.DisposeAsync();
        await DeadLetters.DeleteIfExistsAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
