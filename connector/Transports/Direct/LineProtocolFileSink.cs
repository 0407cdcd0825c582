using System.Globalization;
using System.Text;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Transports.Direct;

/// <summary>
/// Appends lines to daily files <c>yyyy-MM-dd.lp</c> (UTC date of writing). Each file starts with InfluxDB 1.x's
/// import header (<c># DML</c>, <c># CONTEXT-DATABASE:</c>), which <c>influx -import</c> needs and which every other
/// line-protocol reader (<c>influx write</c>, <c>POST /write</c>) skips as comments. Flushed per batch.
/// </summary>
internal sealed class LineProtocolFileSink : ILineProtocolSink, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder;
    private readonly string _database;
    private readonly TimeProvider _timeProvider;
    private readonly string _precision;
    private FileStream? _stream;
    private string? _currentPath;

    public LineProtocolFileSink(IOptions<DirectOptions> options, IOptions<PipelineOptions> pipeline, TimeProvider timeProvider)
    {
        _precision = PrecisionName(pipeline.Value.Precision);
        _folder = Path.GetFullPath(options.Value.LinesPath);
        _database = options.Value.ImportDatabase;
        _timeProvider = timeProvider;
    }

    public string Name => "files";

    /// <summary>The folder of the files.</summary>
    public string Folder => _folder;

    /// <summary>The files written so far (all days).</summary>
    public IReadOnlyList<string> Files =>
        Directory.Exists(_folder) ? [.. Directory.GetFiles(_folder, "*.lp").Order(StringComparer.Ordinal)] : [];

    public async Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = OpenForToday();
            await stream.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return SinkWriteResult.Success;
        }
        catch (IOException ex)
        {
            throw new SinkUnavailableException($"Cannot write to {_folder}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SinkUnavailableException($"Cannot write to {_folder}: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The precision as the InfluxDB command-line tools spell it.</summary>
    public string Precision => _precision;

    /// <summary>The import header of a file: InfluxDB 1.x's DML context, then a note on the precision.</summary>
    public static string ImportHeader(string database, string precision) =>
        string.Create(CultureInfo.InvariantCulture, $"# DML\n# CONTEXT-DATABASE: {database}\n# timestamps in {precision}: influx -import -path=FILE -precision={precision}  or  influx write -b BUCKET -f FILE --precision {precision}\n");

    /// <summary>The command-line tools' name of a precision.</summary>
    public static string PrecisionName(WritePrecision precision) => precision switch
    {
        WritePrecision.Nanoseconds => "ns",
        WritePrecision.Microseconds => "us",
        WritePrecision.Seconds => "s",
        _ => "ms",
    };

    public void Dispose()
    {
        _stream?.Dispose();
        _gate.Dispose();
    }

    private FileStream OpenForToday()
    {
        var path = Path.Combine(_folder, _timeProvider.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".lp");
        if (_stream is not null && path == _currentPath)
        {
            return _stream;
        }

        _stream?.Dispose();
        Directory.CreateDirectory(_folder);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        _currentPath = path;
        if (isNew)
        {
            _stream.Write(Encoding.UTF8.GetBytes(ImportHeader(_database, _precision)));
        }

        return _stream;
    }
}
