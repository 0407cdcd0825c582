using System.Net.Http.Headers;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// The v2 write API: <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=</c> with <c>Authorization: Token ...</c>,
/// the body the writer's pooled buffer, gzipped on the way by default. InfluxDB 2.x, 3.x, Cloud, and 1.8+ through its
/// v2 compatibility endpoint.
/// </summary>
internal sealed class InfluxDbV2Transport : IInfluxDbTransport
{
    private readonly InfluxDbWriteClient _client;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly bool _gzip;

    public InfluxDbV2Transport(InfluxDbWriteClient client, InfluxDbOptions options, WritePrecision precision)
    {
        _client = client;
        _gzip = options.Gzip;
        var query = $"api/v2/write?org={Uri.EscapeDataString(options.Org!)}&bucket={Uri.EscapeDataString(options.Bucket!)}&precision={ToV2Precision(precision)}";
        _writeUri = new Uri(InfluxDbEndpoints.BaseUri(options), query);
        _authorization = new AuthenticationHeaderValue("Token", options.Token);
    }

    public Task<InfluxWriteResponse> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        _client.PostAsync(_writeUri, _authorization, lines, _gzip, cancellationToken);

    public void Dispose()
    {
        // The HTTP client belongs to the factory.
    }

    private static string ToV2Precision(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "ns",
        WritePrecision.Microseconds => "us",
        WritePrecision.Seconds => "s",
        _ => "ms",
    };
}
