using System.Text;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Connector.Transports;
using HaIngestor.Connector.Transports.EventHubs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaIngestor.Connector.Tests.Transports.EventHubs;

public sealed class EventHubsTransportTests
{
    private readonly ConnectorCounters _counters = new();

    [Fact]
    public async Task SendAsync_ManyEntities_BatchesPerPartitionKeyWithinTheSizeLimitInOrder()
    {
        var producer = new RecordingProducer(eventsPerBatch: 3);
        var transport = CreateSut(producer);
        var events = Enumerable.Range(0, 20).Select(i => TestEvents.StateChanged(i % 2 == 0 ? "sensor.a" : "light.b", i, home: "cabin")).ToList();

        await transport.SendAsync(events, CancellationToken.None);

        Assert.All(producer.Sent, s => Assert.InRange(s.Events.Count, 1, 3));
        Assert.Equal(["cabin/sensor.a", "cabin/light.b"], producer.Sent.Select(s => s.PartitionKey).Distinct());
        foreach (var key in new[] { "cabin/sensor.a", "cabin/light.b" })
        {
            var sent = producer.Sent.Where(s => s.PartitionKey == key).SelectMany(s => s.Events).ToList();
            var expected = events.Where(e => EventHubsTransport.PartitionKeyOf(e) == key).ToList();
            Assert.Equal(expected.Select(e => e.Header.ContextId), sent.Select(d => d.CorrelationId));
            Assert.Equal(expected.Select(e => Encoding.UTF8.GetString(e.Envelope)), sent.Select(d => d.EventBody.ToString()));
        }

        Assert.Equal(20, producer.Sent.Sum(s => s.Events.Count));
    }

    [Fact]
    public async Task SendAsync_Event_CarriesRoutingPropertiesAndJsonContentType()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100);
        var e = TestEvents.StateChanged("sensor.kitchen_temperature", 5, home: "main", catchUp: true);

        await CreateSut(producer).SendAsync([e], CancellationToken.None);

        var data = Assert.Single(Assert.Single(producer.Sent).Events);
        Assert.Equal("application/json", data.ContentType);
        Assert.Equal(e.Header.ContextId, data.CorrelationId);
        Assert.Equal("state_changed", data.Properties["event_type"]);
        Assert.Equal("main", data.Properties["home"]);
        Assert.Equal(true, data.Properties["catch_up"]);
        Assert.Equal("main/sensor.kitchen_temperature", Assert.Single(producer.Sent).PartitionKey);
    }

    [Fact]
    public void PartitionKeyOf_EventWithoutEntity_UsesHomeAndEventType()
    {
        var e = TestEvents.StateChanged("sensor.x", 1, home: null);
        var callService = e with { Header = e.Header with { EventType = "call_service", EntityId = null } };

        Assert.Equal("default/call_service", EventHubsTransport.PartitionKeyOf(callService));
        Assert.Equal("default/sensor.x", EventHubsTransport.PartitionKeyOf(e));
    }

    [Fact]
    public async Task SendAsync_TransientFailures_AreRetriedThenSent()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100, failFirstSends: 2);

        await CreateSut(producer).SendAsync([TestEvents.StateChanged("sensor.a", 1)], CancellationToken.None);

        Assert.Equal(3, producer.Attempts);
        Assert.Single(producer.Sent);
    }

    [Fact]
    public async Task SendAsync_EventLargerThanAnEmptyBatch_IsCountedAsOversizeAndTheRestSent()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100);
        var big = TestEvents.StateChanged("sensor.big", 2);
        producer.Accepts = d => d.CorrelationId != big.Header.ContextId;

        await CreateSut(producer).SendAsync([TestEvents.StateChanged("sensor.big", 1), big, TestEvents.StateChanged("sensor.big", 3)], CancellationToken.None);

        Assert.Equal(1, _counters.Oversize);
        Assert.Equal(2, producer.Sent.Sum(s => s.Events.Count));
    }

    [Fact]
    public async Task SendHeartbeatAsync_SendsAHeartbeatEventMessage()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100);
        var heartbeat = new Heartbeat(["main", "cabin"], 1, 42, "1.2.3", TestEvents.BaseTime);

        await CreateSut(producer).SendHeartbeatAsync(heartbeat, CancellationToken.None);

        var data = Assert.Single(Assert.Single(producer.Sent).Events);
        Assert.Equal(EventHubsTransport.HeartbeatEventType, data.Properties["event_type"]);
        var body = data.EventBody.ToString();
        Assert.Contains("\"event_type\":\"ha_ingestor_heartbeat\"", body, StringComparison.Ordinal);
        Assert.Contains("\"journal_depth\":42", body, StringComparison.Ordinal);
        Assert.Contains("\"connected_homes\":1", body, StringComparison.Ordinal);
        Assert.True(HaIngestor.Core.Parsing.EventHeader.TryRead(data.EventBody.ToArray(), out var header));
        Assert.Equal(EventHubsTransport.HeartbeatEventType, header.EventType);
        Assert.Equal(1, _counters.Heartbeats);
    }

    private EventHubsTransport CreateSut(RecordingProducer producer)
    {
        var options = new EventHubsOptions { EventHubName = "hub", ConnectionString = "unused", MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        var pipeline = EventHubsTransportExtensions.CreateSendPipeline(options, TimeProvider.System, NullLogger.Instance);
        return new EventHubsTransport(producer, pipeline, _counters, NullLogger<EventHubsTransport>.Instance);
    }
}
