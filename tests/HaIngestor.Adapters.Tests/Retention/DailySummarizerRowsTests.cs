using System.Text;
using System.Text.Json;
using HaIngestor.Adapters.Retention;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Adapters.Tests.Retention;

/// <summary>How <see cref="DailySummarizer"/> turns answer rows into lines, for answer shapes the 1.x server does not produce.</summary>
public sealed class DailySummarizerRowsTests
{
    [Fact]
    public void AddPoints_GroupKeysAsColumns_TagsTakenFromTheColumns()
    {
        using var document = JsonDocument.Parse("""
            {"name":"W","columns":["time","iox::measurement","entity_id","domain","value_mean","value_min","value_max","value_count"],
             "values":[[1767225600000,"W","sensor.a b,c=d",null,2.5,1.5,3.5,4],[1767312000000,"W","sensor.x","sensor",1,1,1,1]]}
            """);
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);

        var added = DailySummarizer.AddPoints(writer, "W", ["domain", "entity_id"], document.RootElement);

        Assert.Equal(2, added);
        Assert.Equal(
            "W,entity_id=sensor.a\\ b\\,c\\=d value_mean=2.5,value_min=1.5,value_max=3.5,value_count=4i 1767225600000\n"
            + "W,domain=sensor,entity_id=sensor.x value_mean=1,value_min=1,value_max=1,value_count=1i 1767312000000\n",
            Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void AddPoints_RowWithoutCount_Skipped()
    {
        using var document = JsonDocument.Parse("""
            {"name":"W","tags":{"entity_id":"a"},"columns":["time","value_mean","value_min","value_max","value_count"],
             "values":[[1767225600000,null,null,null,null],[1767312000000,null,null,null,0]]}
            """);
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);

        Assert.Equal(0, DailySummarizer.AddPoints(writer, "W", ["entity_id"], document.RootElement));
        Assert.Equal(0, writer.WrittenCount);
    }
}
