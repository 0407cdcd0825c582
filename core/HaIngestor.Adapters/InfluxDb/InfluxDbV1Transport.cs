using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>The v1 write API: <c>POST /write?db=&amp;rp=&amp;precision=</c> with basic authentication, optionally gzipped.</summary>
internal sealed class InfluxDbV1Transport : IInfluxDbTransport
{
    private static readonly MediaTypeHeaderValue TextPlain = new("text/plain") { CharSet = "utf-8" };
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly bool _gzip;
    private readonly TimeProvider _timeProvider;

    public InfluxDbV1Transport(IHttpClientFactory httpClientFactory, InfluxDbOptions options, WritePrecision precision, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _gzip = options.Gzip;
        var query = new StringBuilder("write?db=").Append(Uri.EscapeDataString(options.Database!));
        if (!string.IsNullOrEmpty(options.RetentionPolicy))
        {
            query.Append("&rp=").Append(Uri.EscapeDataString(options.RetentionPolicy));
        }

        query.Append("&precision=").Append(ToV1Precision(precision));
        _writeUri = new Uri(InfluxDbEndpoints.BaseUri(options), query.ToString());
        _authorization = InfluxDbEndpoints.BasicAuthorization(options);
    }

    public async Task<InfluxWriteResponse> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri);
        request.Headers.Authorization = _authorization;
        request.Content = _gzip ? Compress(lines) : new ReadOnlyMemoryContent(lines);
        request.Content.Headers.ContentType = TextPlain;
        if (_gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        var client = _httpClientFactory.CreateClient(InfluxDbEndpoints.HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var body = status is >= 200 and < 300
            ? null
            : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new InfluxWriteResponse(status, body, RetryAfter(response.Headers.RetryAfter));
    }

    public void Dispose()
    {
        // The HTTP clients belong to the factory.
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static ByteArrayContent Compress(ReadOnlyMemory<byte> lines)
    {
        // Line protocol repeats measurement and tag names on every line, so it shrinks about tenfold.
        var buffer = new MemoryStream(Math.Max(256, lines.Length / 6));
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lines.Span);
        }

        return new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string ToV1Precision(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "n",
        WritePrecision.Microseconds => "u",
        WritePrecision.Seconds => "s",
        _ => "ms",
    };
}
