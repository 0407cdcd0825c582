using System.Text.Json;
using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Transports.EventHubs;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Tests.Backfill;

public sealed class BackfillEventsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void States_RecordedStates_HeaderIsTheOneReadingTheEnvelopeGives()
    {
        using var answer = JsonDocument.Parse("""
            {"sensor.kitchen_temperature": [{"s": "21.4", "a": {"unit_of_measurement": "°C", "friendly_name": "Küche \"Nord\""}, "lu": 1764590400.123456},
                                            {"s": "21.5", "lu": 1764590460.000001, "lc": 1764590400.123456}],
             "light.hall": [{"s": "on", "a": {"brightness": 180}, "lu": 1764590401}]}
            """);
        var states = HistoryAnswer.Read(answer.RootElement, out _);

        var events = BackfillEvents.States(states, "main", RegistrySnapshot.Empty, ReceivedAt);

        Assert.Equal(3, events.Count);
        foreach (var e in events)
        {
            Assert.True(EventHeader.TryRead(e.Envelope, out var read));
            Assert.Equal(read, e.Header);
            Assert.Equal(new IngestMetadata("main", null, null, false), IngestEnvelope.ReadMetadata(e.Envelope));
            Assert.Equal(("main", false, ReceivedAt), (e.Home, e.CatchUp, e.ReceivedAt));
        }

        Assert.Equal(new DateTimeOffset(2025, 12, 1, 12, 1, 0, TimeSpan.Zero).AddTicks(10), events[1].Header.LastUpdated);
        // Written as Home Assistant writes it: UTF-8 as it is, only what JSON needs escaped.
        Assert.Contains("\"friendly_name\":\"Küche \\\"Nord\\\"\"", System.Text.Encoding.UTF8.GetString(events[0].Envelope), StringComparison.Ordinal);
        Assert.Contains("+00:00\"", System.Text.Encoding.UTF8.GetString(events[0].Envelope), StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_Points_OneEventEachKeyedByStatisticWithTheHourAsTime()
    {
        var hour = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        StatisticPoint[] points =
        [
            new("sensor.house_energy", hour, null, null, null, 12.5, 3, 0.5),
            new("sensor.kitchen_temperature", hour, 21.375, 20.5, 22.25, null, null, null),
        ];

        var events = BackfillEvents.Statistics(points, "main", ReceivedAt);

        Assert.Equal(2, events.Count);
        Assert.Equal(new EventHeader(StatisticsEvent.EventType, "sensor.house_energy", hour, null, null), events[0].Header);
        Assert.Equal("main/sensor.kitchen_temperature", EventHubsTransport.PartitionKeyOf(events[1]));
        using var envelope = JsonDocument.Parse(events[0].Envelope);
        Assert.Equal("main", envelope.RootElement.GetProperty("ingestor").GetProperty("home").GetString());
        var data = envelope.RootElement.GetProperty("event").GetProperty("data");
        Assert.Equal((1, "sensor.house_energy", 3d), (data.GetProperty("version").GetInt32(), data.GetProperty("statistic_id").GetString(), data.GetProperty("sum").GetDouble()));
        Assert.False(data.TryGetProperty("mean", out _));
    }
}
