using System.Net.Http.Headers;
using System.Text;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>The v1 write API: <c>POST /write?db=&amp;rp=&amp;precision=</c> with basic authentication, optionally gzipped.</summary>
internal sealed class InfluxDbV1Transport : IInfluxDbTransport
{
    private readonly InfluxDbWriteClient _client;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly bool _gzip;

    public InfluxDbV1Transport(InfluxDbWriteClient client, InfluxDbOptions options, WritePrecision precision)
    {
        _client = client;
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

    public Task<InfluxWriteResponse> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        _client.PostAsync(_writeUri, _authorization, lines, _gzip, cancellationToken);

    public void Dispose()
    {
        // The HTTP client belongs to the factory.
    }

    private static string ToV1Precision(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "n",
        WritePrecision.Microseconds => "u",
        WritePrecision.Seconds => "s",
        _ => "ms",
    };
}
