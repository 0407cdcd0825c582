using HaIngestor.Adapters.Health;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HaIngestor.Functions.Tests.Functions;

public sealed class HealthCheckFunctionTests
{
    [Fact]
    public async Task CheckAsync_ServersUpFreshHeartbeat_EveryPartHealthyButWeatherNotYetSeen()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_health");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        await host.Get<ProcessEventsFunction>().RunAsync([EventBodies.Heartbeat(DateTimeOffset.UtcNow)], new TestFunctionContext(host.Services, 0));

        var report = await host.Get<HealthChecker>().CheckAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, report.Entries[HealthChecker.InfluxDb].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[HealthChecker.Redis].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[HealthChecker.Connector].Status);
        // The Home Assistant provider has seen no weather.* state yet.
        Assert.Equal(HealthStatus.Degraded, report.Entries[HealthChecker.Weather].Status);
    }

    [Fact]
    public async Task CheckAsync_InfluxDbAndRedisDownNoHeartbeat_ReportsEachFailingPart()
    {
        var settings = FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "down");
        settings["Redis:ConnectionString"] = $"127.0.0.1:{FreePort.Get()}";
        await using var host = FunctionsTestHost.Create(settings);

        var report = await host.Get<HealthChecker>().CheckAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[HealthChecker.InfluxDb].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[HealthChecker.Redis].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[HealthChecker.Connector].Status);
        Assert.All(report.Entries.Values, e => Assert.DoesNotContain("AccountKey", e.Description ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ServersDown_CompletesWithoutThrowing()
    {
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "down"));

        await host.Get<HealthCheckFunction>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), new TestFunctionContext(host.Services, 0));
    }
}
