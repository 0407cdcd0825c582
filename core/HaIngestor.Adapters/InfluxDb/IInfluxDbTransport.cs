namespace HaIngestor.Adapters.InfluxDb;

/// <summary>One write API (v1 or v2): sends one request, reports the answer, throws only for transport failures.</summary>
internal interface IInfluxDbTransport : IDisposable
{
    /// <summary>Sends complete lines (each ending in <c>\n</c>) in one request.</summary>
    Task<InfluxWriteResponse> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken);
}
