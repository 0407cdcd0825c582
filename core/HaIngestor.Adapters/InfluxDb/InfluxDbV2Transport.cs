using System.Text;
using InfluxDB.Client;
using InfluxDB.Client.Core.Exceptions;
using ClientPrecision = InfluxDB.Client.Api.Domain.WritePrecision;
using WritePrecision = HaIngestor.Core.Serialization.WritePrecision;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// The v2 write API through InfluxDB.Client's <see cref="WriteApiAsync"/> (one request per call, no retries of its
/// own, throws on failure), on an HTTP client from the factory. The client takes records as strings, so a chunk is
/// split into one string per line.
/// </summary>
internal sealed class InfluxDbV2Transport : IInfluxDbTransport
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly ClientPrecision _precision;
    private readonly string _bucket;
    private readonly string _org;

    public InfluxDbV2Transport(HttpClient httpClient, InfluxDbOptions options, WritePrecision precision)
    {
        _bucket = options.Bucket!;
        _org = options.Org!;
        _precision = precision switch
        {
            WritePrecision.Nanoseconds => ClientPrecision.Ns,
            WritePrecision.Microseconds => ClientPrecision.Us,
            WritePrecision.Seconds => ClientPrecision.S,
            _ => ClientPrecision.Ms,
        };
        var clientOptions = new InfluxDBClientOptions(options.Url!)
        {
            Token = options.Token,
            Org = options.Org,
            Bucket = options.Bucket,
            Timeout = options.Timeout,
            HttpClient = httpClient,
        };
        _client = new InfluxDBClient(clientOptions);
        if (options.Gzip)
        {
            _client.EnableGzip();
        }

        _writeApi = _client.GetWriteApiAsync();
    }

    public async Task<InfluxWriteResponse> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var records = SplitLines(lines.Span);
        try
        {
            await _writeApi.WriteRecordsAsync(records, _precision, _bucket, _org, cancellationToken).ConfigureAwait(false);
            return new InfluxWriteResponse(204, null, null);
        }
        catch (HttpException ex) when (ex.Status > 0)
        {
            TimeSpan? retryAfter = ex.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            return new InfluxWriteResponse(ex.Status, ex.Message, retryAfter);
        }
        catch (InfluxException ex) when (ex.Status == 0)
        {
            // No HTTP answer at all: a connection failure, reported like the v1 path's.
            throw new HttpRequestException(ex.Message, ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private static string[] SplitLines(ReadOnlySpan<byte> lines)
    {
        var count = lines.Count((byte)'\n');
        if (lines.Length > 0 && lines[^1] != (byte)'\n')
        {
            count++;
        }

        var records = new string[count];
        var index = 0;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            records[index++] = Encoding.UTF8.GetString(line);
            lines = end < 0 ? [] : lines[(end + 1)..];
        }

        return records;
    }
}
