namespace HaIngestor.Core.Sinks;

/// <summary>Where written lines go: InfluxDB (v1 or v2 API) or line-protocol files.</summary>
public interface ILineProtocolSink
{
    /// <summary>A short name for logs, health and metrics (<c>influxdb</c>, <c>files</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Writes a batch of complete lines (each ending in <c>\n</c>). Transient failures are retried inside; when
    /// this returns, every line is either written or listed in <see cref="SinkWriteResult.RejectedLines"/>.
    /// Throws <see cref="SinkUnavailableException"/> when the sink stays unreachable after its retries.
    /// </summary>
    Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken);
}
