using System.Text.Json;
using Azure.Messaging.EventHubs;
using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Connector.Tests.Transports.EventHubs;
using HaIngestor.Connector.Transports.EventHubs;
using HaIngestor.Core.Mapping;
using HaIngestor.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace HaIngestor.Connector.Tests.Backfill;

/// <summary>A backfill with statistics through the Event Hubs transport, on the SDK's test types, against the simulator.</summary>
public sealed class BackfillJobTests : IDisposable
{
    private readonly TempFolder _folder = new("hai-backfill-job");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_StatisticsThroughEventHubs_PublishesEveryStatisticHourAsAVersionedEventOnItsEntitysPartition()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions
        {
            EventsPerSecond = 0,
            HistoryDays = 1,
            HistoryInterval = TimeSpan.FromMinutes(10),
            HistoryEnd = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var (start, end) = simulator.HistoryRange;
        var producer = new RecordingProducer(eventsPerBatch: 500);
        var transport = new EventHubsTransport(producer, ResiliencePipeline.Empty, new ConnectorCounters(), NullLogger<EventHubsTransport>.Instance);
        var job = new BackfillJob(new HomeAssistantOptions(), new BackfillOptions(), transport, TimeProvider.System);
        var instance = new HomeAssistantInstanceOptions { Name = "main", Url = simulator.BaseUrl.ToString(), Token = simulator.Token };
        var checkpoint = BackfillCheckpoint.Load(Path.Combine(_folder.Path, "main.json"));

        var (last, stoppedBy) = await job.RunAsync(instance, start, end, statistics: true, checkpoint, new RecordingBackfillView(), CancellationToken.None);

        Assert.Null(stoppedBy);
        var sent = producer.Sent.SelectMany(s => s.Events.Select(e => (s.PartitionId, Event: e))).ToList();
        var statistics = sent.Where(s => (string)s.Event.Properties["event_type"] == StatisticsEvent.EventType).ToList();
        var expected = simulator.EntityIds.Select(id => (id, Count: simulator.CountRecordedStatistics(id, start, end))).Where(p => p.Count > 0)
            .ToDictionary(p => p.id, p => p.Count, StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Values.Sum(), last.StatisticPoints);
        Assert.Equal(expected, statistics.GroupBy(s => (string)s.Event.Properties["entity_id"]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        Assert.All(statistics.GroupBy(s => (string)s.Event.Properties["entity_id"]), g => Assert.Single(g.Select(s => s.PartitionId).Distinct()));
        Assert.All(statistics, s =>
        {
            using var body = JsonDocument.Parse(s.Event.EventBody.ToMemory());
            var data = body.RootElement.GetProperty("event").GetProperty("data");
            Assert.Equal(StatisticsEvent.Version, data.GetProperty("version").GetInt32());
            Assert.Equal((string)s.Event.Properties["entity_id"], data.GetProperty("statistic_id").GetString());
            Assert.Equal("main", body.RootElement.GetProperty("ingestor").GetProperty("home").GetString());
        });
        Assert.Equal(simulator.EntityIds.Sum(id => simulator.GetRecordedStates(id, start, end).Count), sent.Count - statistics.Count);
    }

    [Fact]
    public async Task RunAsync_EventHubsRefusesEverySend_StopsSayingWhyWithNothingCheckpointed()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0, HistoryDays = 1, HistoryEnd = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero) });
        var (start, end) = simulator.HistoryRange;
        var producer = new RecordingProducer(eventsPerBatch: 500) { Failure = new EventHubsException(isTransient: false, "events", "unauthorized", EventHubsException.FailureReason.GeneralError) };
        var transport = new EventHubsTransport(producer, ResiliencePipeline.Empty, new ConnectorCounters(), NullLogger<EventHubsTransport>.Instance);
        var job = new BackfillJob(new HomeAssistantOptions(), new BackfillOptions(), transport, TimeProvider.System);
        var checkpoint = BackfillCheckpoint.Load(Path.Combine(_folder.Path, "main.json"));

        var (last, stoppedBy) = await job.RunAsync(
            new HomeAssistantInstanceOptions { Url = simulator.BaseUrl.ToString(), Token = simulator.Token }, start, end, statistics: true, checkpoint, new RecordingBackfillView(), CancellationToken.None);

        Assert.NotNull(stoppedBy);
        Assert.StartsWith("eventhubs did not take the events: unauthorized", stoppedBy, StringComparison.Ordinal);
        Assert.Equal(0, last.DoneRequests);
        Assert.Contains(simulator.EntityIds, id => checkpoint.Missing(BackfillKind.States, id, start, end).Count > 0);
    }
}
