using System.Text;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.Sinks;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Adapters.Tests.InfluxDb;

public sealed class InfluxDbSinkTests
{
    private const string Token = "test-token-secret";
    private const string Org = "home";

    [Fact]
    public async Task WriteAsync_V1ValidLines_ReadBackFromInfluxDb()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v1");
        using var provider = CreateProvider(o => UseV1(o, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(Lines("m,entity_id=a value=1 1700000000000", "m,entity_id=b value=2 1700000000000"), 2, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        var rows = (await database.QueryAsync("SELECT value FROM m")).Single().Rows();
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task WriteAsync_V1FieldTypeConflict_RejectsOnlyTheConflictingLine()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_conflict");
        Assert.Equal(204, (int)(await database.WriteAsync("m,entity_id=a value=1 1700000000000")).StatusCode);
        using var provider = CreateProvider(o => UseV1(o, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var lines = Enumerable.Range(0, 9).Select(i => $"m,entity_id=e{i} value={i} {1700000001000 + i}").ToList();
        lines.Insert(5, "m,entity_id=bad value=\"text\" 1700000002000");

        var result = await sink.WriteAsync(Lines([.. lines]), lines.Count, CancellationToken.None);

        Assert.Equal([5], result.RejectedLines);
        Assert.Contains("field type conflict", result.Reason, StringComparison.Ordinal);
        var rows = (await database.QueryAsync("SELECT value FROM m")).Single().Rows();
        Assert.Equal(10, rows.Count);
    }

    [Fact]
    public async Task WriteAsync_MoreLinesThanRequestLimit_WritesEveryChunk()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_chunks");
        using var provider = CreateProvider(o =>
        {
            UseV1(o, database);
            o.MaxLinesPerRequest = 7;
        });
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var lines = Enumerable.Range(0, 50).Select(i => $"m,entity_id=e{i} value={i} {1700000000000 + i}").ToArray();

        var result = await sink.WriteAsync(Lines(lines), lines.Length, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        var count = (await database.QueryAsync("SELECT count(value) FROM m")).Single().Rows().Single()["count"].GetInt32();
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task WriteAsync_ServerDown_ThrowsSinkUnavailableAfterRetries()
    {
        using var provider = CreateProvider(o =>
        {
            o.ApiVersion = InfluxDbApiVersion.V1;
            o.Url = $"http://127.0.0.1:{FreePort.Get()}";
            o.Database = "nowhere";
            o.MaxRetryAttempts = 2;
        });
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var error = await Assert.ThrowsAsync<SinkUnavailableException>(
            () => sink.WriteAsync(Lines("m value=1 1700000000000"), 1, CancellationToken.None));

        Assert.False(error.IsAuthenticationFailure);
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_V2_WritesGzippedWithTokenOrgBucketAndPrecision()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v2");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, Token, Org);
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(Lines("m,entity_id=a value=1 1700000000000", "m,entity_id=b state=\"on\" 1700000000000"), 2, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        Assert.Equal(1, server.WriteRequests);
        Assert.Equal(1, server.GzipRequests);
        Assert.Equal(["ms"], server.Precisions);
        var series = await database.QueryAsync("SELECT * FROM m");
        Assert.Equal(2, series.Single().Rows().Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_V2_BodyIsTheWritersBytesAsTextPlainGzipStreamedWhenOn(bool gzip)
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v2_body");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, Token, Org);
        using var provider = CreateProvider(o =>
        {
            UseV2(o, server, database);
            o.Gzip = gzip;
        });
        var sink = provider.GetRequiredService<ILineProtocolSink>();
        var lines = Lines("m,entity_id=a value=1 1700000000000", "m,entity_id=b\\ c state=\"on \\\"x\\\"\" 1700000000000", "m,entity_id=\u00e9 value=3 1700000000000");

        var result = await sink.WriteAsync(lines, 3, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        var write = Assert.Single(server.V2Writes);
        Assert.Equal("text/plain; charset=utf-8", write.ContentType);
        Assert.Equal(gzip ? "gzip" : null, write.ContentEncoding);
        Assert.Equal(gzip, write.Chunked);
        Assert.Equal(lines.ToArray(), write.Body);
        Assert.Equal(3, (await database.QueryAsync("SELECT * FROM m")).Single().Rows().Count);
    }

    [Theory]
    [InlineData(503, 1)]
    [InlineData(429, 0)]
    [InlineData(500, null)]
    public async Task WriteAsync_V2TransientFailure_RetriesThenWrites(int status, int? retryAfterSeconds)
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v2_retry");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, Token, Org);
        server.Fail(status, """{"code":"unavailable","message":"try later"}""", retryAfterSeconds);
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(Lines("m,entity_id=a value=1 1700000000000"), 1, CancellationToken.None);

        Assert.Empty(result.RejectedLines);
        Assert.Equal(2, server.WriteRequests);
        Assert.Single((await database.QueryAsync("SELECT value FROM m")).Single().Rows());
    }

    [Fact]
    public async Task WriteAsync_V2WrongToken_FailsFastAsAuthenticationFailureWithoutTheToken()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v2_auth");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, "another-token", Org);
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var error = await Assert.ThrowsAsync<SinkUnavailableException>(
            () => sink.WriteAsync(Lines("m value=1 1700000000000"), 1, CancellationToken.None));

        Assert.True(error.IsAuthenticationFailure);
        Assert.Equal(1, server.WriteRequests);
        Assert.Contains("InfluxDb:Token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_V2FieldTypeConflict_RejectsOnlyTheConflictingLine()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_v2_conflict");
        await database.WriteAsync("m,entity_id=a value=1 1700000000000");
        await using var server = new InfluxV2LoopbackServer(TestServers.InfluxDbUrl, Token, Org);
        using var provider = CreateProvider(o => UseV2(o, server, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(
            Lines("m,entity_id=x value=2 1700000001000", "m,entity_id=y value=\"bad\" 1700000001000", "m,entity_id=z value=3 1700000001000"),
            3,
            CancellationToken.None);

        Assert.Equal([1], result.RejectedLines);
        Assert.Equal(3, (await database.QueryAsync("SELECT value FROM m")).Single().Rows().Count);
    }

    [Fact]
    public async Task WriteAsync_UnparsableLineNamedByServer_RejectsItWithoutBisecting()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("sink_parse");
        using var provider = CreateProvider(o => UseV1(o, database));
        var sink = provider.GetRequiredService<ILineProtocolSink>();

        var result = await sink.WriteAsync(
            Lines("m,entity_id=x value=2 1700000001000", "m,entity_id=y 1700000001000", "m,entity_id=z value=3 1700000001000"),
            3,
            CancellationToken.None);

        Assert.Equal([1], result.RejectedLines);
        Assert.Contains("unable to parse", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await database.QueryAsync("SELECT value FROM m")).Single().Rows().Count);
    }

    internal static ServiceProvider CreateProvider(Action<InfluxDbOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfluxDbSink(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryAttempts = 3;
            o.Timeout = TimeSpan.FromSeconds(20);
            configure(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    internal static void UseV1(InfluxDbOptions options, InfluxDbTestDatabase database)
    {
        options.ApiVersion = InfluxDbApiVersion.V1;
        options.Url = database.BaseUrl.ToString();
        options.Database = database.Name;
    }

    internal static void UseV2(InfluxDbOptions options, InfluxV2LoopbackServer server, InfluxDbTestDatabase database)
    {
        options.ApiVersion = InfluxDbApiVersion.V2;
        options.Url = server.Url.ToString();
        options.Token = Token;
        options.Org = Org;
        options.Bucket = database.Name;
    }

    internal static ReadOnlyMemory<byte> Lines(params string[] lines) =>
        Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
}
