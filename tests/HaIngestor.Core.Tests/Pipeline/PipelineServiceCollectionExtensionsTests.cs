using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Tests.Pipeline;

public sealed class PipelineServiceCollectionExtensionsTests
{
    private static IHost CreateSut(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHaIngestorPipeline();
        return builder.Build();
    }

    [Fact]
    public async Task AddHaIngestorPipeline_Settings_BoundIntoSingletonPipeline()
    {
        using var host = CreateSut(new()
        {
            ["Pipeline:Schema"] = "homeassistant",
            ["Pipeline:Precision"] = "Seconds",
            ["Pipeline:SkipUnavailableStates"] = "true",
            ["Pipeline:Location"] = "Berlin",
            ["Pipeline:NumericAttributeAllowlist:0"] = "co2",
        });
        await host.StartAsync();

        var pipeline = host.Services.GetRequiredService<EventPipeline>();

        Assert.Same(pipeline, host.Services.GetRequiredService<EventPipeline>());
        Assert.Equal(PointSchema.HomeAssistant, pipeline.Options.Schema);
        Assert.Equal(WritePrecision.Seconds, pipeline.Options.Precision);
        Assert.True(pipeline.Options.SkipUnavailableStates);
        Assert.Equal("Berlin", pipeline.Options.Location);
        Assert.Contains("co2", pipeline.Options.NumericAttributeAllowlist);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Pipeline:MaxEventBytes", "10", "MaxEventBytes")]
    [InlineData("Pipeline:Measurement", "", "Measurement")]
    public async Task AddHaIngestorPipeline_BadSetting_StartFailsNamingIt(string key, string value, string setting)
    {
        using var host = CreateSut(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHaIngestorPipeline_UnknownSchema_StartFailsNamingIt()
    {
        using var host = CreateSut(new() { ["Pipeline:Schema"] = "influx" });

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Pipeline:Schema", error.Message, StringComparison.Ordinal);
    }
}
