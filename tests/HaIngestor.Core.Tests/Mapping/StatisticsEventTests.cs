using System.Buffers;
using System.Text;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Mapping;

public sealed class StatisticsEventTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<StatisticPoint> Points() => new()
    {
        new StatisticPoint("sensor.kitchen_temperature", Hour, 21.375, 20.5, 22.25, null, null, null),
        new StatisticPoint("sensor.house_energy", Hour, null, null, null, 12_345.678901, 345.678, 0.123),
        new StatisticPoint("sensor.tiny", Hour.AddHours(1), 1e-300, -0.0, double.MaxValue, -5, 0.1 + 0.2, 1.0 / 3),
        new StatisticPoint("sensor.mixed", Hour, 7, double.NaN, double.PositiveInfinity, null, null, null),
        new StatisticPoint("external:grid_import", Hour, null, null, null, null, 99.5, 1.5),
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Process_StatisticsEvent_SameLineAsTheMapperWritesFromThePoint(StatisticPoint point)
    {
        var envelope = Envelope(point, "main");
        using var viaEvent = new LineProtocolWriter(WritePrecision.Nanoseconds);
        using var direct = new LineProtocolWriter(WritePrecision.Nanoseconds);

        var result = new EventPipeline(new PipelineOptions()).Process(envelope, viaEvent);
        Assert.True(StatisticsMapper.Write(direct, point, "main"));

        Assert.Equal(ProcessOutcome.Written, result.Outcome);
        Assert.Null(result.TimeFired);
        Assert.Equal(Encoding.UTF8.GetString(direct.WrittenMemory.Span), Encoding.UTF8.GetString(viaEvent.WrittenMemory.Span));
    }

    [Fact]
    public void Process_HomeAssistantSchema_SameMeasurementAsTheDefaultSchema()
    {
        var point = new StatisticPoint("sensor.kitchen_temperature", Hour, 21.375, 20.5, 22.25, null, null, null);
        using var defaultSchema = new LineProtocolWriter(WritePrecision.Nanoseconds);
        using var homeAssistant = new LineProtocolWriter(WritePrecision.Nanoseconds);

        new EventPipeline(new PipelineOptions()).Process(Envelope(point, null), defaultSchema);
        new EventPipeline(new PipelineOptions { Schema = PointSchema.HomeAssistant }).Process(Envelope(point, null), homeAssistant);

        Assert.StartsWith("home_assistant_statistics,entity_id=sensor.kitchen_temperature mean=21.375,min=20.5,max=22.25 ", Encoding.UTF8.GetString(defaultSchema.WrittenMemory.Span), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(defaultSchema.WrittenMemory.Span), Encoding.UTF8.GetString(homeAssistant.WrittenMemory.Span));
    }

    [Theory]
    [InlineData("""{"version":2,"statistic_id":"sensor.a","mean":1}""", RejectReason.UnsupportedVersion)]
    [InlineData("""{"statistic_id":"sensor.a","mean":1}""", RejectReason.UnsupportedVersion)]
    [InlineData("""{"version":"1","statistic_id":"sensor.a","mean":1}""", RejectReason.UnsupportedVersion)]
    [InlineData("""{"version":1,"mean":1}""", RejectReason.MissingEntityId)]
    [InlineData("""{"version":1,"statistic_id":"Sensor A","mean":1}""", RejectReason.MalformedEntityId)]
    [InlineData("""{"version":1,"statistic_id":"sensor.a,b=c","mean":1}""", RejectReason.MalformedEntityId)]
    [InlineData("""{"version":1,"statistic_id":5,"mean":1}""", RejectReason.WrongJsonKind)]
    [InlineData("""{"version":1,"statistic_id":"sensor.a","mean":"1"}""", RejectReason.WrongJsonKind)]
    [InlineData("""{"version":1,"statistic_id":"sensor.a","sum":[1]}""", RejectReason.WrongJsonKind)]
    [InlineData("""{"version":1,"statistic_id":"sensor.a","mean":null}""", RejectReason.WrongJsonKind)]
    [InlineData("""[1]""", RejectReason.WrongJsonKind)]
    public void Process_MalformedRecord_RejectedWithReasonAndNoLine(string data, RejectReason reason)
    {
        var message = $$$"""{"id":0,"type":"event","event":{"event_type":"ha_ingestor_statistics","data":{{{data}}},"origin":"LOCAL","time_fired":"2026-11-20T06:00:00.000000+00:00"}}""";
        using var writer = new LineProtocolWriter(WritePrecision.Nanoseconds);

        var result = new EventPipeline(new PipelineOptions()).Process(Encoding.UTF8.GetBytes(message), writer);

        Assert.Equal((ProcessOutcome.Rejected, reason), (result.Outcome, result.Reason));
        Assert.False(string.IsNullOrEmpty(result.Detail));
        Assert.DoesNotContain("sensor", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, writer.LineCount);
    }

    [Fact]
    public void Process_NoTimeFired_RejectedAsMissingTimestamp()
    {
        const string message = """{"id":0,"type":"event","event":{"event_type":"ha_ingestor_statistics","data":{"version":1,"statistic_id":"sensor.a","mean":1}}}""";
        using var writer = new LineProtocolWriter(WritePrecision.Nanoseconds);

        var result = new EventPipeline(new PipelineOptions()).Process(Encoding.UTF8.GetBytes(message), writer);

        Assert.Equal(RejectReason.MissingTimestamp, result.Reason);
    }

    [Fact]
    public void Write_Point_VersionedEventMessageWithTheHourAsTimeFired()
    {
        var buffer = new ArrayBufferWriter<byte>();

        StatisticsEvent.Write(buffer, new StatisticPoint("sensor.house_energy", Hour, null, null, null, 12.5, 3, double.NaN));

        Assert.Equal(
            """{"id":0,"type":"event","event":{"event_type":"ha_ingestor_statistics","data":{"version":1,"statistic_id":"sensor.house_energy","state":12.5,"sum":3},"origin":"LOCAL","time_fired":"2026-11-20T06:00:00.000000+00:00"}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.True(EventHeader.TryRead(buffer.WrittenSpan, out var header));
        Assert.Equal((StatisticsEvent.EventType, Hour), (header.EventType, header.TimeFired));
    }

    private static byte[] Envelope(StatisticPoint point, string? home)
    {
        var message = new ArrayBufferWriter<byte>();
        StatisticsEvent.Write(message, point);
        return IngestEnvelope.Wrap(message.WrittenSpan, new IngestMetadata(home, null, null, false));
    }
}
