using System.Net;
using Azure.Messaging.EventHubs;
using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Connector.Transports.EventHubs;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Hosting;

namespace HaIngestor.Connector.Tests.Transports.EventHubs;

/// <summary>
/// Event Hubs from a home network: AMQP over WebSockets (port 443) as a setting, and a send-only shared access
/// policy's connection string scoped to one event hub, whose key never shows on any surface.
/// </summary>
public sealed class EventHubsConnectionTests
{
    private const string SendOnlyKey = "c2VuZC1vbmx5LWtleS1ub3QtdG8tYmUtc2hvd24=";
    private const string SendOnly = "Endpoint=sb://home-ns.servicebus.windows.net/;SharedAccessKeyName=connector-send;SharedAccessKey=" + SendOnlyKey + ";EntityPath=ha-events";

    [Theory]
    [InlineData(EventHubsTransportType.AmqpTcp)]
    [InlineData(EventHubsTransportType.AmqpWebSockets)]
    public void CreateClientOptions_TransportType_IsTheConfiguredOne(EventHubsTransportType transportType)
    {
        var options = EventHubsTransportExtensions.CreateClientOptions(new EventHubsOptions { ConnectionString = SendOnly, TransportType = transportType });

        Assert.Equal(transportType, options.ConnectionOptions.TransportType);
    }

    [Fact]
    public async Task RunAsync_UnknownTransportType_ExitsWith2NamingTheSetting()
    {
        var error = new StringWriter();

        var exitCode = await RunCommand.RunAsync(
            new Dictionary<string, string?>
            {
                ["Connector:Transport"] = "EventHubs",
                ["EventHubs:ConnectionString"] = SendOnly,
                ["EventHubs:TransportType"] = "Http",
                ["HomeAssistant:Url"] = "http://127.0.0.1:9",
                ["HomeAssistant:Token"] = "t",
                ["Health:Address"] = "127.0.0.1",
                ["Health:Port"] = "0",
            },
            error,
            CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exitCode);
        Assert.Contains("EventHubs:TransportType", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SendOnlyKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TransportType_DefaultsToAmqpTcp()
    {
        Assert.Equal(EventHubsTransportType.AmqpTcp, new EventHubsOptions().TransportType);
    }

    [Fact]
    public async Task CreateProducer_SendOnlyConnectionStringWithEntityPath_TargetsTheOneHubWithoutAHubSetting()
    {
        var options = new EventHubsOptions { ConnectionString = SendOnly, TransportType = EventHubsTransportType.AmqpWebSockets };
        var validation = new EventHubsOptionsValidator().Validate(null, options);

        await using var producer = EventHubsTransportExtensions.CreateProducer(options);

        Assert.True(validation.Succeeded, validation.FailureMessage);
        Assert.Equal("home-ns.servicebus.windows.net", producer.FullyQualifiedNamespace);
        Assert.Equal("ha-events", producer.EventHubName);
        var parsed = EventHubsConnectionStringProperties.Parse(SendOnly);
        Assert.Equal("connector-send", parsed.SharedAccessKeyName);
    }

    [Fact]
    public async Task CreateProducer_SharedAccessSignatureConnectionString_IsAccepted()
    {
        var signature = "SharedAccessSignature sr=sb%3a%2f%2fhome-ns.servicebus.windows.net%2fha-events&sig=abc%3d&se=1893456000&skn=connector-send";
        var options = new EventHubsOptions { ConnectionString = $"Endpoint=sb://home-ns.servicebus.windows.net/;SharedAccessSignature={signature};EntityPath=ha-events" };

        await using var producer = EventHubsTransportExtensions.CreateProducer(options);

        Assert.Equal("ha-events", producer.EventHubName);
    }

    [Fact]
    public async Task Run_EventHubsUnreachable_KeyAppearsOnNoSurface()
    {
        using var journal = new TempFolder("hai-eh");
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 50 });
        var port = FreePort.Get();
        // A namespace on loopback where nothing listens: every send fails, and its errors reach the logs and the page.
        var unreachable = SendOnly.Replace("home-ns.servicebus.windows.net", "127.0.0.1:" + FreePort.Get(), StringComparison.Ordinal);
        await using var app = RunCommand.Build(new Dictionary<string, string?>
        {
            ["Connector:Transport"] = "EventHubs",
            ["EventHubs:ConnectionString"] = unreachable,
            ["EventHubs:MaxRetryAttempts"] = "0",
            ["HomeAssistant:Url"] = simulator.BaseUrl.ToString(),
            ["HomeAssistant:Token"] = simulator.Token,
            ["Journal:Path"] = journal.Path,
            ["Health:Address"] = "127.0.0.1",
            ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Batching:MaxBatchDelay"] = "00:00:00.100",
        });
        await app.StartAsync();
        using var http = new HttpClient();
        try
        {
            await Eventually.AssertAsync(
                async () => (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/status.json"))).Contains("\"state\":\"failing\"", StringComparison.Ordinal),
                TimeSpan.FromSeconds(90),
                "transport failing");

            foreach (var path in (string[])["health", "metrics", "status.json", string.Empty])
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{path}"));
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(SendOnlyKey, body, StringComparison.Ordinal);
                Assert.DoesNotContain("SharedAccessKey=", body, StringComparison.Ordinal);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
