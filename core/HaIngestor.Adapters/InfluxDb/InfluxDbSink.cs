using System.Buffers;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// Writes line protocol to InfluxDB (v1 or v2 API) in requests of at most <see cref="InfluxDbOptions.MaxLinesPerRequest"/>
/// lines and <see cref="InfluxDbOptions.MaxBytesPerRequest"/> bytes, retrying transient failures, and isolating the
/// lines InfluxDB refuses so that one bad line never costs the rest of the batch.
/// </summary>
internal sealed partial class InfluxDbSink : ILineProtocolSink, IDisposable
{
    private readonly IInfluxDbTransport _transport;
    private readonly InfluxDbOptions _options;
    private readonly ResiliencePipeline<InfluxWriteResponse> _retry;
    private readonly ILogger _logger;
    private readonly SinkOutage? _outage;

    public InfluxDbSink(
        IInfluxDbTransport transport,
        InfluxDbOptions options,
        IngestorMetrics metrics,
        TimeProvider timeProvider,
        ILogger<InfluxDbSink> logger,
        SinkOutage? outage = null)
    {
        _transport = transport;
        _options = options;
        _logger = logger;
        _outage = outage;
        _retry = InfluxDbRetry.Create(options, timeProvider, metrics, logger, Name, outage);
    }

    public string Name => "influxdb";

    public async Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
    {
        if (lines.IsEmpty)
        {
            return SinkWriteResult.Success;
        }

        // Offsets of every line's start (plus the end), so chunks and single lines can be sliced without copying.
        var starts = ArrayPool<int>.Shared.Rent(Math.Max(lineCount, 1) + 2);
        try
        {
            var count = IndexLines(lines.Span, ref starts);
            var batch = new LineBatch(lines, starts, count);
            var rejection = new Rejection();
            var first = 0;
            while (first < count)
            {
                var last = first;
                var bytes = batch.Length(first);
                while (last + 1 < count
                    && last + 1 - first < _options.MaxLinesPerRequest
                    && bytes + batch.Length(last + 1) <= _options.MaxBytesPerRequest)
                {
                    last++;
                    bytes += batch.Length(last);
                }

                await WriteLinesAsync(batch, LineSet.Range(first, last - first + 1), rejection, cancellationToken).ConfigureAwait(false);
                first = last + 1;
            }

            if (rejection.Lines.Count == 0)
            {
                return SinkWriteResult.Success;
            }

            rejection.Lines.Sort();
            Log.LinesRejected(_logger, rejection.Lines.Count, count, rejection.Reason);
            return new SinkWriteResult(rejection.Lines, rejection.Reason);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    public void Dispose() => _transport.Dispose();

    /// <summary>Fills <paramref name="starts"/> with line start offsets and the end offset; returns the line count.</summary>
    private static int IndexLines(ReadOnlySpan<byte> lines, ref int[] starts)
    {
        var count = 0;
        var offset = 0;
        while (offset < lines.Length)
        {
            if (count + 2 > starts.Length)
            {
                var larger = ArrayPool<int>.Shared.Rent(starts.Length * 2);
                starts.AsSpan().CopyTo(larger);
                ArrayPool<int>.Shared.Return(starts);
                starts = larger;
            }

            starts[count++] = offset;
            var end = lines[offset..].IndexOf((byte)'\n');
            offset = end < 0 ? lines.Length : offset + end + 1;
        }

        starts[count] = lines.Length;
        return count;
    }

    /// <summary>What InfluxDB refused so far, across chunks.</summary>
    private sealed class Rejection
    {
        public List<int> Lines { get; } = [];

        public string? Reason { get; set; }

        public int IsolationRequests { get; set; }

        public void Add(int line, string? reason)
        {
            Lines.Add(line);
            Reason ??= reason;
        }
    }
}
