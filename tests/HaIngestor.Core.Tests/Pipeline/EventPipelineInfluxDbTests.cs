using System.Net;
using System.Text;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Tests.TestData;
using HaIngestor.TestUtilities;

namespace HaIngestor.Core.Tests.Pipeline;

/// <summary>The pipeline's lines against the real InfluxDB 1.x: accepted whole, and read back as written.</summary>
public sealed class EventPipelineInfluxDbTests
{
    [Theory]
    [InlineData(PointSchema.Default)]
    [InlineData(PointSchema.HomeAssistant)]
    public async Task Process_HostileEvents_AllLinesAcceptedByInfluxDb(PointSchema schema)
    {
        var pipeline = new EventPipeline(new PipelineOptions { Schema = schema, ConvertUnits = true });
        using var writer = new LineProtocolWriter();
        var written = 0;
        foreach (var message in HostileEvents.All())
        {
            written += pipeline.Process(Encoding.UTF8.GetBytes(message), writer).Lines;
        }

        await using var database = await InfluxDbTestDatabase.CreateAsync("core_hostile");
        var response = await database.WriteAsync(writer.WrittenMemory.ToArray());

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");
        var series = await database.QueryAsync("SELECT COUNT(*) FROM /.*/ ; SHOW SERIES");
        Assert.NotEmpty(series);
        Assert.Equal(writer.LineCount, written);
    }

    [Fact]
    public async Task Process_HostileStrings_ReadBackExactly()
    {
        var pipeline = new EventPipeline(new PipelineOptions());
        using var writer = new LineProtocolWriter();
        const string State = "say \"hi\" \\ back\\ \n next, a=b 🙂";
        const string Area = "Living room, \"north\"=1";
        var message = HaEvents.StateChanged(
            "\"sensor.hostile\"",
            HaEvents.State("sensor.hostile", HaEvents.Quote(State), """{"friendly_name":"F \"x\" \\","k":"v"}"""),
            envelope: $"\"ingestor\":{{\"area\":{HaEvents.Quote(Area)}}},");
        pipeline.Process(Encoding.UTF8.GetBytes(message), writer);

        await using var database = await InfluxDbTestDatabase.CreateAsync("core_exact");
        var response = await database.WriteAsync(writer.WrittenMemory.ToArray());
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");

        var series = Assert.Single(await database.QueryAsync("SELECT state, friendly_name, attributes, area FROM home_assistant_events"));
        var row = Assert.Single(series.Values);
        Assert.Equal(1714564800123, row[0].GetInt64());
        Assert.Equal(State.Replace("\n", "\\n", StringComparison.Ordinal), row[1].GetString());
        Assert.Equal("F \"x\" \\", row[2].GetString());
        Assert.Equal("""{"friendly_name":"F \"x\" \\","k":"v"}""", row[3].GetString());
        Assert.Equal(Area, row[4].GetString());
    }
}
