using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Simulator;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.HomeAssistant;

public sealed class HomeAssistantProbeTests
{
    [Fact]
    public async Task CheckAsync_ValidToken_SucceedsWithVersion()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });

        var result = await HomeAssistantProbe.CheckAsync(
            new HomeAssistantInstanceOptions { Name = "lab", Url = simulator.BaseUrl.ToString(), Token = simulator.Token }, CancellationToken.None);

        Assert.True(result.Success, result.Message);
        Assert.Equal("lab", result.Home);
        Assert.Equal("2026.11.0", result.HaVersion);
    }

    [Fact]
    public async Task CheckAsync_RejectedToken_FailsWithoutShowingTheToken()
    {
        await using var simulator = await HaSimulator.StartAsync(new SimulatorOptions { EventsPerSecond = 0 });
        const string wrong = "not-the-right-token-123";

        var result = await HomeAssistantProbe.CheckAsync(
            new HomeAssistantInstanceOptions { Url = simulator.BaseUrl.ToString(), Token = wrong }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains("rejected", result.Message, StringComparison.Ordinal);
        Assert.Contains("401", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NothingListening_FailsWithTheAddress()
    {
        var port = FreePort.Get();

        var result = await HomeAssistantProbe.CheckAsync(
            new HomeAssistantInstanceOptions { Url = $"http://127.0.0.1:{port}", Token = "t" }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains($"127.0.0.1:{port}", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NoToken_FailsNamingTheSetting()
    {
        var result = await HomeAssistantProbe.CheckAsync(new HomeAssistantInstanceOptions { Url = "http://127.0.0.1:1" }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains("HomeAssistant:Token", result.Message, StringComparison.Ordinal);
    }
}
