using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using InfluxDB.Client;
using ClientPrecision = InfluxDB.Client.Api.Domain.WritePrecision;

namespace HaIngestor.Bench;

/// <summary>
/// One v2 write of a 300-line batch (100 events of the three frames, as the pipeline writes them), gzipped, to an
/// HTTP handler that reads the whole request body as a server would and answers 204. <c>InfluxDbClient</c> is the
/// former transport (one string per line through InfluxDB.Client's <c>WriteApiAsync</c>); <c>PooledBytes</c> the
/// transport now (the writer's buffer gzip-streamed through the typed client). Allocated is per batch.
/// </summary>
[MemoryDiagnoser]
public class InfluxDbV2WriteBenchmarks : IDisposable
{
    private readonly HttpClient _http = new(new DrainingHandler()) { BaseAddress = new Uri("http://influxdb.local:8086/") };
    private readonly LineProtocolWriter _writer = new();
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly InfluxDbV2Transport _transport;

    public InfluxDbV2WriteBenchmarks()
    {
        var pipeline = new EventPipeline(new PipelineOptions());
        for (var i = 0; i < 100; i++)
        {
            pipeline.Process(Frames.All[i % Frames.All.Length], _writer);
        }

        var options = new InfluxDbOptions { Url = "http://influxdb.local:8086", Token = "token", Org = "home", Bucket = "ha", Gzip = true };
        _client = new InfluxDBClient(new InfluxDBClientOptions(options.Url) { Token = options.Token, Org = options.Org, Bucket = options.Bucket, HttpClient = _http });
        _client.EnableGzip();
        _writeApi = _client.GetWriteApiAsync();
        _transport = new InfluxDbV2Transport(new InfluxDbWriteClient(_http, TimeProvider.System), options, WritePrecision.Milliseconds);
    }

    /// <summary>Lines in the batch.</summary>
    public int Lines => _writer.LineCount;

    [Benchmark(Baseline = true)]
    public Task InfluxDbClient() =>
        _writeApi.WriteRecordsAsync(SplitLines(_writer.WrittenMemory.Span), ClientPrecision.Ms, "ha", "home", CancellationToken.None);

    [Benchmark]
    public async Task<int> PooledBytes() => (await _transport.WriteAsync(_writer.WrittenMemory, CancellationToken.None).ConfigureAwait(false)).StatusCode;

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _writer.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the former transport did to hand a batch to InfluxDB.Client.</summary>
    private static string[] SplitLines(ReadOnlySpan<byte> lines)
    {
        var records = new string[lines.Count((byte)'\n')];
        var index = 0;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            records[index++] = Encoding.UTF8.GetString(lines[..end]);
            lines = lines[(end + 1)..];
        }

        return records;
    }

    /// <summary>Reads every request body to the end, as the server would, and answers 204 No Content.</summary>
    private sealed class DrainingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
        }
    }
}
