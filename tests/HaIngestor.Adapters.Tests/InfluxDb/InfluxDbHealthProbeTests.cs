using HaIngestor.Adapters.InfluxDb;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HaIngestor.Adapters.Tests.InfluxDb.InfluxDbSinkTests;

namespace HaIngestor.Adapters.Tests.InfluxDb;

public sealed class InfluxDbHealthProbeTests
{
    [Fact]
    public async Task CheckHealthAsync_V1ServerUp_HealthyWithVersion()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("probe_v1");
        using var provider = CreateProvider(o => UseV1(o, database));

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("/ping answered 204", result.Description, StringComparison.Ordinal);
        Assert.True(result.Data.ContainsKey("version"));
    }

    [Fact]
    public async Task CheckHealthAsync_V2ServerUp_HealthyWithoutTheToken()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("probe_v2");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        using var provider = CreateProvider(o => UseV2(o, server, database));

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("/health answered 200", result.Description, StringComparison.Ordinal);
        Assert.Contains($"bucket '{database.Name}' found", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("test-token-secret", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_V2BucketMissing_UnhealthyNamingTheSetting()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("probe_v2");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        using var provider = CreateProvider(o =>
        {
            UseV2(o, server, database);
            o.Bucket = database.Name + "_missing";
        });

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"bucket '{database.Name}_missing' does not exist in organization 'home' (InfluxDb:Bucket)", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_V2UnknownOrg_UnhealthyNamingTheSetting()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("probe_v2");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        using var provider = CreateProvider(o =>
        {
            UseV2(o, server, database);
            o.Org = "elsewhere";
        });

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("organization 'elsewhere' does not exist (InfluxDb:Org)", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_V2WriteOnlyToken_HealthyBucketNotVerified()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("probe_v2");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home") { TokenCanReadBuckets = false };
        using var provider = CreateProvider(o => UseV2(o, server, database));

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("bucket not verified", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("test-token-secret", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_ServerDown_UnhealthyNamingTheTarget()
    {
        var port = FreePort.Get();
        using var provider = CreateProvider(o =>
        {
            o.ApiVersion = InfluxDbApiVersion.V1;
            o.Url = $"http://127.0.0.1:{port}";
            o.Database = "db";
            o.Password = "p4ssword";
            o.Username = "user";
        });

        var result = await provider.GetRequiredService<InfluxDbHealthProbe>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"127.0.0.1:{port}/ping is unreachable", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssword", result.Description, StringComparison.Ordinal);
    }
}
