using System.Diagnostics;
using System.Globalization;
using System.Net;
using HaIngestor.Adapters.Quality;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Status;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
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
        await using var host = BuildHost(simulator, output, logs, settings.StatusPort, settings.Schema);
        var counters = host.Services.GetRequiredService<ConnectorCounters>();
        var pipeline = host.Services.GetRequiredService<PipelineFigures>();
        var buffer = host.Services.GetRequiredService<EventBuffer>();
        var status = host.Services.GetRequiredService<IHomeAssistantStatus>();
        var stats = host.Services.GetRequiredService<DomainCounts>();
        var files = host.Services.GetRequiredService<LineProtocolFileSink>();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var statusUrl = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        view.Started(simulator.BaseUrl, output, statusUrl);
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
                pipeline.Rejected,
                pipeline.DeadLettered,
                buffer.JournalDepth,
                buffer.Buffered,
                logs.Problems,
                stats.ByDomain(),
                logs.Recent);
        }

        using var stopRestart = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var restart = RestartOnceAsync(simulator, settings.RestartAfter, stopRestart.Token);
        try
        {
            await view.RunAsync(Snapshot, settings.Duration, Tick, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopRestart.CancelAsync().ConfigureAwait(false);
            await restart.ConfigureAwait(false);
            // Stop reading, deliver what is buffered, flush the journal: the same path as SIGTERM in the service.
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var quality = host.Services.GetRequiredService<QualityEvaluator>();
        await quality.EvaluateAsync(CancellationToken.None).ConfigureAwait(false);
        var result = new DemoResult(counters.Received, counters.WrittenLines, pipeline.Rejected, buffer.JournalDepth, files.Files, files.Precision)
        {
            RestartDuplicates = status.Homes.Sum(h => h.RestartDuplicates),
            Restarts = restart.Result ? 1 : 0,
            Quality = quality.Tracker.StatusTotals(),
            QualityProblems = quality.Tracker.Problems(),
        };
        view.Finished(Snapshot(), result, output);
        return result;
    }

    // Restarts the simulated Home Assistant once, as HA does after an update: every entity is re-announced unchanged.
    private static async Task<bool> RestartOnceAsync(HaSimulator simulator, TimeSpan? after, CancellationToken cancellationToken)
    {
        if (after is not { } delay)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            await simulator.RestartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // A web host, so the status page is served while the demo runs, on loopback only.
    private static WebApplication BuildHost(HaSimulator simulator, string output, DemoLogCollector logs, int statusPort, string schema)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, statusPort));
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
        builder.AddConnector();
        var app = builder.Build();
        app.MapConnectorEndpoints();
        return app;
    }
}
