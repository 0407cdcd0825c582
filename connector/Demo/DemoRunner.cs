using System.Diagnostics;
using System.Globalization;
using HaIngestor.Adapters.Quality;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Demo;

/// <summary>
/// The demo: a simulated home on loopback, the real Home Assistant client over a real WebSocket, the direct pipeline
/// into line-protocol files, and a live view of it all.
/// </summary>
internal static class DemoRunner
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    public static async Task<DemoResult> RunAsync(DemoSettings settings, IDemoView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(view);
        var output = Path.GetFullPath(settings.OutputPath);
        await using var simulator = await HaSimulator.StartAsync(
            new SimulatorOptions
            {
                Port = 0,
                EventsPerSecond = settings.Rate,
                Seed = settings.Seed,
                Silence = settings.Silence,
                Unavailable = settings.Unavailable,
                SilenceAfter = settings.SilenceAfter,
            },
            cancellationToken).ConfigureAwait(false);

        var logs = new DemoLogCollector();
        using var host = BuildHost(simulator, output, logs, settings.Schema);
        var counters = host.Services.GetRequiredService<ConnectorCounters>();
        var buffer = host.Services.GetRequiredService<EventBuffer>();
        var status = host.Services.GetRequiredService<IHomeAssistantStatus>();
        var stats = host.Services.GetRequiredService<DemoStats>();
        var files = host.Services.GetRequiredService<LineProtocolFileSink>();
        view.Started(simulator.BaseUrl, output);

        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var lastReceived = 0L;
        var lastElapsed = TimeSpan.Zero;
        DemoSnapshot Snapshot()
        {
            var elapsed = clock.Elapsed;
            var received = counters.Received;
            var seconds = (elapsed - lastElapsed).TotalSeconds;
            var rate = seconds > 0 ? (received - lastReceived) / seconds : 0;
            lastReceived = received;
            lastElapsed = elapsed;
            var home = status.Homes.FirstOrDefault();
            return new DemoSnapshot(
                elapsed,
                home?.State.ToString() ?? "starting",
                home?.HaVersion,
                received,
                rate,
                counters.WrittenLines,
                counters.Rejected,
                counters.DeadLettered,
                buffer.JournalDepth,
                buffer.Buffered,
                logs.Problems,
                stats.ByDomain(),
                logs.Recent);
        }

        try
        {
            await view.RunAsync(Snapshot, settings.Duration, Tick, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Stop reading, deliver what is buffered, flush the journal: the same path as SIGTERM in the service.
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var quality = host.Services.GetRequiredService<QualityEvaluator>();
        await quality.EvaluateAsync(CancellationToken.None).ConfigureAwait(false);
        var result = new DemoResult(counters.Received, counters.WrittenLines, counters.Rejected, buffer.JournalDepth, files.Files, files.Precision)
        {
            Quality = quality.Tracker.StatusTotals(),
            QualityProblems = quality.Tracker.Problems(),
        };
        view.Finished(Snapshot(), result, output);
        return result;
    }

    private static IHost BuildHost(HaSimulator simulator, string output, DemoLogCollector logs, string schema)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:Transport"] = "Direct",
            ["Pipeline:Schema"] = schema,
            ["Direct:Sink"] = "Files",
            ["Direct:DataPath"] = output,
            ["Journal:Path"] = Path.Combine(output, "journal"),
            ["HomeAssistant:Url"] = simulator.BaseUrl.ToString(),
            ["HomeAssistant:Token"] = simulator.Token,
            ["HomeAssistant:Home"] = "demo",
            ["HomeAssistant:EventTypes:0"] = "*",
            ["Weather:Provider"] = "HomeAssistant",
            ["Batching:MaxBatchDelay"] = TimeSpan.FromSeconds(1).ToString("c", CultureInfo.InvariantCulture),
            ["Connector:DrainTimeout"] = TimeSpan.FromSeconds(10).ToString("c", CultureInfo.InvariantCulture),

            // Demo thresholds: a simulated sensor changes every second or two, so silence shows within a minute.
            ["Quality:EvaluationInterval"] = "00:00:02",
            ["Quality:SilentMinimum"] = "00:00:05",
            ["Quality:SilentMaximum"] = "00:01:00",
            ["Quality:StuckUnavailableAfter"] = "00:00:10",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<DemoStats>();
        builder.Services.AddSingleton<IReceivedEventSink>(sp => new CountingSink(sp.GetRequiredService<EventBuffer>(), sp.GetRequiredService<DemoStats>()));
        builder.AddConnector();
        return builder.Build();
    }
}
