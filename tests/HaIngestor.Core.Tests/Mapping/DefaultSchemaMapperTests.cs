using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Tests.TestData;
using static HaIngestor.Core.Tests.Pipeline.PipelineRun;

namespace HaIngestor.Core.Tests.Mapping;

public sealed class DefaultSchemaMapperTests
{
    private const string Attributes = """{"temperature":"warm","humidity":40,"temperature":21,"humidity":41,"n69":7,"n0":true,"n0":1.25}""";

    [Fact]
    public void Map_RepeatedAllowlistedAttributes_FirstNumberOfEachInAttributeOrder()
    {
        var (_, lines) = Run(HaEvents.Simple("sensor.a", "\"x\"", Attributes));

        Assert.EndsWith(",attr_humidity=40,attr_temperature=21 1714564800123\n", lines);
    }

    [Fact]
    public void Map_AllowlistOfMoreThan64Names_SameRuleForEveryName()
    {
        var options = new PipelineOptions();
        options.NumericAttributeAllowlist.Clear();
        for (var i = 0; i < 70; i++)
        {
            options.NumericAttributeAllowlist.Add("n" + i);
        }

        options.NumericAttributeAllowlist.Add("humidity");
        options.NumericAttributeAllowlist.Add("temperature");

        var (_, lines) = Run(HaEvents.Simple("sensor.a", "\"x\"", Attributes), options);

        Assert.EndsWith(",attr_humidity=40,attr_temperature=21,attr_n69=7,attr_n0=1.25 1714564800123\n", lines);
    }
}
