using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator.Tests;

public sealed class SimulatorServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHaSimulator_ValidSettings_HostStartsSimulatorThatAcceptsTheConfiguredToken()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Simulator:Token"] = "configured-token";
        builder.Configuration["Simulator:EventsPerSecond"] = "0";
        builder.AddHaSimulator();
        using var host = builder.Build();

        await host.StartAsync();
        var sim = await host.Services.GetRequiredService<SimulatorHost>().Started;
        await using (var client = await HaTestClient.ConnectAuthenticatedAsync(sim))
        {
            Assert.Equal("configured-token", sim.Token);
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task AddHaSimulator_InvalidSetting_StartFailsNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Simulator:PendingLimit"] = "0";
        builder.AddHaSimulator();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PendingLimit", error.Message, StringComparison.Ordinal);
    }
}
