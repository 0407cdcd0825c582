using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.Sinks;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using static HaIngestor.Adapters.Tests.InfluxDb.InfluxDbSinkTests;

namespace HaIngestor.Adapters.Tests.InfluxDb;

/// <summary>The sink's answers to the failures InfluxDB reports, through the v2 loopback.</summary>
public sealed class InfluxDbSinkFailureTests
{
    [Theory]
    [InlineData(InfluxDbApiVersion.V2)]
    [InlineData(InfluxDbApiVersion.V1)]
    public async Task WriteAsync_ServiceUnavailableWithRetryAfter_WaitsAsLongAsAsked(InfluxDbApiVersion api)
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_retry_after");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        server.Fail(503, """{"code":"unavailable","message":"busy"}""", retryAfterSeconds: 30);
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var provider = CreateProviderWithClock(o =>
        {
            UseV2(o, server, database);
            o.ApiVersion = api;
            o.Database = database.Name;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        }, time);
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var write = sink.WriteAsync(Lines("m value=1 1700000000000"), 1, CancellationToken.None);
        await time.WaitForTimersAsync(TimeSpan.FromSeconds(30), 1, TimeSpan.FromSeconds(30), "the retry waiting the 30 s the server asked for");
        Assert.Equal(1, server.WriteRequests);

        // A tick short of the 30 s nothing is sent again; at 30 s the retry goes out and succeeds.
        time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Equal(1, server.WriteRequests);
        Assert.False(write.IsCompleted, "the write completed before the 30 s the server asked for");
        time.Advance(TimeSpan.FromTicks(1));
        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, server.WriteRequests);
    }

    [Fact]
    public async Task WriteAsync_RequestTooLarge_SplitsAndWritesEverything()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_413");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        server.Fail(413, """{"code":"request too large","message":"request too large"}""");
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var lines = Enumerable.Range(0, 10).Select(i => $"m,entity_id=e{i} value={i} {1700000000000 + i}").ToArray();

        var result = await sink.WriteAsync(Lines(lines), lines.Length, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        Assert.Equal(3, server.WriteRequests);
        Assert.Equal(10, (await database.QueryAsync("SELECT value FROM m")).Single().Rows().Count);
    }

    [Fact]
    public async Task WriteAsync_OutsideRetentionForAll_RejectsEveryLineWithoutBisecting()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_422");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        server.Fail(422, """{"code":"unprocessable entity","message":"failure writing points to database: partial write: points beyond retention policy dropped=3"}""");
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(Lines("m value=1 1", "m value=2 2", "m value=3 3"), 3, CancellationToken.None);

        Assert.Equal([0, 1, 2], result.RejectedLines);
        Assert.Contains("beyond retention policy", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, server.WriteRequests);
    }

    [Fact]
    public async Task WriteAsync_EveryBodyRefusedWithoutNamingLines_BoundedRequestsAndEveryLineRejected()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_400_all");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        server.FailAlways(400, """{"code":"invalid","message":"request refused"}""");
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var lines = Enumerable.Range(0, 2000).Select(i => $"m value={i} {i}").ToArray();

        var result = await sink.WriteAsync(Lines(lines), lines.Length, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 2000), result.RejectedLines);
        Assert.Equal("request refused", result.Reason);
        Assert.InRange(server.WriteRequests, 2, 1 + (2 * 256) + 2);
    }

    [Fact]
    public async Task WriteAsync_V3PartialWriteNamingLineNumbers_RejectsThoseAndWritesTheRest()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v3_partial");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        server.Fail(400, """{"error":"partial write of line protocol occurred","data":[{"original_line":"m,entity_id=b value=2 1700000000000","line_number":2,"error_message":"invalid column type for column 'value'"}]}""");
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(
            Lines("m,entity_id=a value=1 1700000000000", "m,entity_id=b value=2 1700000000000", "m,entity_id=c value=3 1700000000000"),
            3,
            CancellationToken.None);

        Assert.Equal([1], result.RejectedLines);
        Assert.Equal(2, server.WriteRequests);
        Assert.Equal(2, (await database.QueryAsync("SELECT value FROM m")).Single().Rows().Count);
    }

    [Fact]
    public async Task WriteAsync_StillFailingAfterRetries_ThrowsSinkUnavailableNamingTheStatus()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_500");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "test-token-secret", "home");
        for (var i = 0; i < 4; i++)
        {
            server.Fail(500, """{"code":"internal error","message":"engine: cache full"}""");
        }

        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var error = await Assert.ThrowsAsync<SinkUnavailableException>(() => sink.WriteAsync(Lines("m value=1 1"), 1, CancellationToken.None));

        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.WriteRequests);
    }

    private static ServiceProvider CreateProviderWithClock(Action<InfluxDbOptions> configure, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddInfluxDbSink(o =>
        {
            o.MaxRetryAttempts = 3;
            configure(o);
        });
        return services.BuildServiceProvider();
    }
}
