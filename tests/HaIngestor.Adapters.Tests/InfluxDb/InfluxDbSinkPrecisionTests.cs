using System.Text;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using static HaIngestor.Adapters.Tests.InfluxDb.InfluxDbSinkTests;

namespace HaIngestor.Adapters.Tests.InfluxDb;

/// <summary>
/// Point identity at each write precision, on the real InfluxDB 1.x: Home Assistant's <c>time_fired</c> and
/// <c>last_updated</c> carry microseconds, and two events of one entity within a millisecond are one point at
/// millisecond precision (same series and timestamp overwrite) but two at microsecond precision.
/// </summary>
public sealed class InfluxDbSinkPrecisionTests
{
    [Theory]
    [InlineData(WritePrecision.Microseconds, 2)]
    [InlineData(WritePrecision.Nanoseconds, 2)]
    [InlineData(WritePrecision.Milliseconds, 1)]
    public async Task WriteAsync_TwoEventsOfOneEntity300MicrosecondsApart_PointsAsThePrecisionSeparatesThem(WritePrecision precision, int points)
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("precision_" + precision.ToString().ToLowerInvariant());
        var options = new PipelineOptions { Precision = precision };
        using var provider = CreateProvider(o =>
        {
            UseV1(o, database);
            o.Precision = precision;
        });
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var pipeline = new EventPipeline(options);
        using var writer = new LineProtocolWriter(precision);

        var first = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero).AddTicks(1_234_000);
        Assert.Equal(ProcessOutcome.Written, pipeline.Process(Message("21.5", first), writer).Outcome);
        Assert.Equal(ProcessOutcome.Written, pipeline.Process(Message("21.6", first.AddTicks(3_000)), writer).Outcome);
        var result = await sink.WriteAsync(writer.WrittenMemory, 2, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        var rows = (await database.QueryAsync($"SELECT \"value\" FROM \"{options.Measurement}\" WHERE \"entity_id\" = 'sensor.kitchen'")).Single().Rows();
        Assert.Equal(points, rows.Count);
        Assert.Equal(21.6, rows[^1]["value"].GetDouble());
    }

    private static byte[] Message(string state, DateTimeOffset at)
    {
        // Home Assistant's isoformat: microseconds and an offset.
        var time = at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"sensor.kitchen\",\"old_state\":null,\"new_state\":"
            + "{\"entity_id\":\"sensor.kitchen\",\"state\":\"" + state + "\",\"attributes\":{\"unit_of_measurement\":\"°C\"},\"last_changed\":\"" + time
            + "\",\"last_reported\":\"" + time + "\",\"last_updated\":\"" + time + "\",\"context\":{\"id\":\"01HX0000000000000000000001\",\"parent_id\":null,\"user_id\":null}}},"
            + "\"origin\":\"LOCAL\",\"time_fired\":\"" + time + "\",\"context\":{\"id\":\"01HX0000000000000000000001\",\"parent_id\":null,\"user_id\":null}}}");
    }
}
