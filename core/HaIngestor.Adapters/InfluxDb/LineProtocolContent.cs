using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// A request body that is the line-protocol writer's own buffer: written to the connection as it is, or gzipped on
/// the way (<c>Content-Encoding: gzip</c>, sent chunked), so no string, array or compressed copy of a batch is made.
/// </summary>
internal sealed class LineProtocolContent : HttpContent
{
    private static readonly MediaTypeHeaderValue TextPlain = new("text/plain") { CharSet = "utf-8" };
    private readonly ReadOnlyMemory<byte> _lines;
    private readonly bool _gzip;

    public LineProtocolContent(ReadOnlyMemory<byte> lines, bool gzip)
    {
        _lines = lines;
        _gzip = gzip;
        Headers.ContentType = TextPlain;
        if (gzip)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            await stream.WriteAsync(_lines, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Line protocol repeats measurement and tag names on every line, so it shrinks about tenfold.
        var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await gzip.WriteAsync(_lines, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        // The gzipped size is known only once written: the body then goes chunked.
        length = _lines.Length;
        return !_gzip;
    }
}
