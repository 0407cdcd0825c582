using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>A host with only the Home Assistant clients (as the connector registers them) and a collecting sink.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host, CollectingSink sink, ListLoggerProvider logs)
    {
        _host = host;
        Sink = sink;
        Logs = logs;
        Status = host.Services.GetRequiredService<IHomeAssistantStatus>();
    }

    public CollectingSink Sink { get; }

    public ListLoggerProvider Logs { get; }

    public IHomeAssistantStatus Status { get; }

    public HomeAssistantHomeStatus Home(string? name = null) => Status.Homes.Single(h => h.Home == name);

    /// <summary>Settings a test run wants: fast reconnects, quick pings, no background events from the simulator.</summary>
    public static Dictionary<string, string?> SettingsFor(HaSimulator simulator) => new()
    {
        ["HomeAssistant:Url"] = simulator.BaseUrl.ToString(),
        ["HomeAssistant:Token"] = simulator.Token,
        ["HomeAssistant:ReconnectMinDelay"] = "00:00:00.050",
        ["HomeAssistant:ReconnectMaxDelay"] = "00:00:00.500",
    };

    /// <param name="downstream">What the clients hand events to instead of <see cref="Sink"/> (e.g. the real event buffer).</param>
    public static async Task<ClientHost> StartAsync(
        Dictionary<string, string?> settings, TimeProvider? timeProvider = null, CollectingSink? sink = null, IReceivedEventSink? downstream = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new ListLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        sink ??= new CollectingSink();
        builder.Services.AddSingleton(downstream ?? sink);
        builder.AddHomeAssistantClients();
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host, sink, logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
