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
    public async Task SendAsync_500EventsOver80Entities_OneSendPerPartitionEachEntityOnOnePartitionInOrder()
    {
        var producer = new RecordingProducer(eventsPerBatch: 1000, partitions: 4);
        var transport = CreateSut(producer);
        var events = Enumerable.Range(0, 500).Select(i => TestEvents.StateChanged("sensor.e" + (i % 80), i, home: "cabin")).ToList();

        await transport.SendAsync(events, CancellationToken.None);

        Assert.Equal(4, producer.Sent.Count);
        Assert.Equal(["0", "1", "2", "3"], producer.Sent.Select(s => s.PartitionId).Order());
        Assert.All(producer.Sent, s => Assert.Null(s.PartitionKey));
        AssertEachEntityOnOnePartitionInOrder(events, producer);
        Assert.Equal(1, producer.PartitionIdReads);
    }

    [Fact]
    public async Task SendAsync_PartitionFullerThanABatch_SplitsKeepingOrder()
    {
        var producer = new RecordingProducer(eventsPerBatch: 3, partitions: 2);
        var transport = CreateSut(producer);
        var events = Enumerable.Range(0, 20).Select(i => TestEvents.StateChanged(i % 2 == 0 ? "sensor.a" : "light.b", i, home: "cabin")).ToList();

        await transport.SendAsync(events, CancellationToken.None);

        Assert.All(producer.Sent, s => Assert.InRange(s.Events.Count, 1, 3));
        Assert.Equal(20, producer.Sent.Sum(s => s.Events.Count));
        AssertEachEntityOnOnePartitionInOrder(events, producer);
        foreach (var e in events)
        {
            var sent = producer.Sent.Single(s => s.Events.Any(d => d.CorrelationId == e.Header.ContextId));
            Assert.Equal(PartitionMap.IndexOf(EventHubsTransport.PartitionKeyOf(e), 2).ToString(System.Globalization.CultureInfo.InvariantCulture), sent.PartitionId);
            Assert.Equal(Encoding.UTF8.GetString(e.Envelope), sent.Events.Single(d => d.CorrelationId == e.Header.ContextId).EventBody.ToString());
        }
    }

    [Fact]
    public async Task SendAsync_SecondBatch_ReusesThePartitionIds()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100);
        var transport = CreateSut(producer);

        await transport.SendAsync([TestEvents.StateChanged("sensor.a", 1)], CancellationToken.None);
        await transport.SendAsync([TestEvents.StateChanged("sensor.a", 2)], CancellationToken.None);

        Assert.Equal(1, producer.PartitionIdReads);
    }

    [Fact]
    public async Task SendAsync_AfterAFailedSend_ReadsThePartitionIdsAgain()
    {
        // More failures than the retry allows: the first SendAsync fails as a whole.
        var producer = new RecordingProducer(eventsPerBatch: 100, failFirstSends: 4);
        var transport = CreateSut(producer);

        await Assert.ThrowsAsync<Azure.Messaging.EventHubs.EventHubsException>(() => transport.SendAsync([TestEvents.StateChanged("sensor.a", 1)], CancellationToken.None));
        await transport.SendAsync([TestEvents.StateChanged("sensor.a", 2)], CancellationToken.None);

        Assert.Equal(2, producer.PartitionIdReads);
        Assert.Single(producer.Sent);
    }

    [Fact]
    public async Task SendAsync_NonTransientFailure_IsNotRetried()
    {
        var producer = new RecordingProducer(eventsPerBatch: 100) { Failure = new Azure.Messaging.EventHubs.EventHubsException(isTransient: false, "hub", "unauthorized", Azure.Messaging.EventHubs.EventHubsException.FailureReason.GeneralError) };

        await Assert.ThrowsAsync<Azure.Messaging.EventHubs.EventHubsException>(() => CreateSut(producer).SendAsync([TestEvents.StateChanged("sensor.a", 1)], CancellationToken.None));

        Assert.Equal(1, producer.Attempts);
    }

    [Theory]
    [InlineData("main/sensor.kitchen_temperature", 4, 0)]
    [InlineData("main/sensor.outdoor_humidity", 4, 3)]
    [InlineData("cabin/light.porch", 4, 1)]
    [InlineData("default/call_service", 32, 23)]
    public void IndexOf_Key_IsTheDocumentedFnv1aModuloCount(string key, int partitions, int expected)
    {
        // Pinned: a changed hash would move every entity to another partition across an upgrade.
        Assert.Equal(expected, PartitionMap.IndexOf(key, partitions));
        Assert.Equal(expected, (int)(Fnv1a64(Encoding.UTF8.GetBytes(key)) % (ulong)partitions));
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
        Assert.Equal(PartitionMap.IndexOf("main/sensor.kitchen_temperature", 4).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(producer.Sent).PartitionId);
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

    private static void AssertEachEntityOnOnePartitionInOrder(List<ReceivedEvent> events, RecordingProducer producer)
    {
        foreach (var entity in events.Select(e => e.Header.EntityId).Distinct())
        {
            var expected = events.Where(e => e.Header.EntityId == entity).Select(e => e.Header.ContextId).ToList();
            var carrying = producer.Sent.Where(s => s.Events.Any(d => (string)d.Properties["entity_id"] == entity)).ToList();
            Assert.Single(carrying.Select(s => s.PartitionId).Distinct());
            Assert.Equal(expected, carrying.SelectMany(s => s.Events).Where(d => (string)d.Properties["entity_id"] == entity).Select(d => d.CorrelationId));
        }
    }

    private static ulong Fnv1a64(byte[] bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    private EventHubsTransport CreateSut(RecordingProducer producer)
    {
        var options = new EventHubsOptions { EventHubName = "hub", ConnectionString = "unused", MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        var pipeline = EventHubsTransportExtensions.CreateSendPipeline(options, TimeProvider.System, NullLogger.Instance);
        return new EventHubsTransport(producer, pipeline, _counters, NullLogger<EventHubsTransport>.Instance);
    }
}
