using System.Text.Json;
using HaIngestor.Connector.Backfill;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Connector.Tests.Backfill;

public sealed class StatisticsAnswerTests
{
    [Fact]
    public void Read_MeanAndSumStatistics_DecodesEveryTypeAndTheHourInMilliseconds()
    {
        using var answer = JsonDocument.Parse("""
            {
              "sensor.outside_temperature": [{"start": 1764590400000, "end": 1764594000000, "mean": 4.25, "min": 3.5, "max": 5.0}],
              "sensor.house_energy": [{"start": 1764594000000, "end": 1764597600000, "last_reset": null, "state": 15234.5, "sum": 12.5, "change": 0.75, "mean": null}]
            }
            """);

        var points = StatisticsAnswer.Read(answer.RootElement, out var malformed);

        Assert.Equal(0, malformed);
        Assert.Equal(
            [
                new StatisticPoint("sensor.outside_temperature", new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero), 4.25, 3.5, 5.0, null, null, null),
                new StatisticPoint("sensor.house_energy", new DateTimeOffset(2025, 12, 1, 13, 0, 0, TimeSpan.Zero), null, null, null, 15234.5, 12.5, 0.75),
            ],
            points);
    }

    [Fact]
    public void Read_RowsWithoutStartOrValues_AreCountedNotReturned()
    {
        using var answer = JsonDocument.Parse("""{"sensor.a": [{"mean": 1}, {"start": "x", "mean": 1}, {"start": 1764590400000}, {"start": 1764590400000, "max": 2}]}""");

        var points = StatisticsAnswer.Read(answer.RootElement, out var malformed);

        Assert.Equal(3, malformed);
        Assert.Equal(2, Assert.Single(points).Max);
    }

    [Fact]
    public void Write_Point_IsOneLineOfTheStatisticsMeasurementAtTheHour()
    {
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);

        StatisticsMapper.Write(writer, new StatisticPoint("sensor.house_energy", DateTimeOffset.FromUnixTimeMilliseconds(1764594000000), null, null, null, 15234.5, 12.5, 0.75), "home");

        Assert.Equal(
            "home_assistant_statistics,entity_id=sensor.house_energy,home=home statistic_state=15234.5,sum=12.5,change=0.75 1764594000000\n",
            System.Text.Encoding.UTF8.GetString(writer.WrittenSpan));
    }
}
