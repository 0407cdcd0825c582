using System.Globalization;
using HaIngestor.Connector.Service;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Journal;

/// <summary>
/// A bounded, append-only on-disk journal of opaque records in segment files. Appends are flushed to the OS at once
/// and fsynced on segment roll, on a timer and on dispose. Reading is at-least-once: a batch is read, delivered, then
/// committed; a crash between the two replays it (harmless, since points are idempotent). Thread-safe; while the
/// connector runs, only the <see cref="JournalWriter"/> appends and only the event buffer's consumer reads.
/// </summary>
internal sealed partial class EventJournal : IDisposable
{
    private const string CheckpointFileName = "checkpoint";

    private readonly Lock _gate = new();
    private readonly JournalOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectorCounters _counters;
    private readonly ILogger _logger;
    private readonly List<JournalSegment> _segments = [];
    private readonly byte[] _header = new byte[JournalRecord.HeaderSize];
    private FileStream? _active;
    private JournalPosition _read;
    private ITimer? _fsyncTimer;
    private bool _dirty;
    private bool _opened;
    private bool _disposed;

    public EventJournal(IOptions<JournalOptions> options, TimeProvider timeProvider, ConnectorCounters counters, ILogger<EventJournal> logger)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _counters = counters;
        _logger = logger;
    }

    /// <summary>The folder of the segments.</summary>
    public string Folder => Path.GetFullPath(_options.Path);

    /// <summary>Records not yet committed.</summary>
    public long PendingRecords
    {
        get
        {
            lock (_gate)
            {
                EnsureOpen();
                return CountPending();
            }
        }
    }

    /// <summary>Bytes held by all segments.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                EnsureOpen();
                return _segments.Sum(s => s.Length);
            }
        }
    }

    /// <summary>Opens the journal (scanning what a previous run left) unless already open.</summary>
    public void Open()
    {
        lock (_gate)
        {
            EnsureOpen();
        }
    }

    /// <summary>
    /// Runs under the journal's lock before each append, as a slow write or fsync would: the seam that tests use to
    /// stall the disk.
    /// </summary>
    internal Action? BeforeWrite { get; set; }

    /// <summary>Appends one record and flushes it to the OS.</summary>
    public void Append(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            EnsureOpen();
            BeforeWrite?.Invoke();
            WriteRecord(payload);
            _active!.Flush(flushToDisk: false);
            AfterWrite();
        }
    }

    /// <summary>Appends records in order and flushes them to the OS once.</summary>
    public void AppendRange(IEnumerable<byte[]> payloads)
    {
        lock (_gate)
        {
            EnsureOpen();
            BeforeWrite?.Invoke();
            foreach (var payload in payloads)
            {
                WriteRecord(payload);
                if (_segments[^1].Length >= _options.SegmentBytes)
                {
                    AfterWrite();
                }
            }

            _active!.Flush(flushToDisk: false);
            AfterWrite();
        }
    }

    /// <summary>Flushes the open segment; with <paramref name="toDisk"/> also fsyncs it.</summary>
    public void Flush(bool toDisk)
    {
        lock (_gate)
        {
            if (_active is null)
            {
                return;
            }

            _active.Flush(toDisk);
            if (toDisk)
            {
                _dirty = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _fsyncTimer?.Dispose();
            if (_active is not null)
            {
                _active.Flush(flushToDisk: true);
                _active.Dispose();
                _active = null;
                var last = _segments[^1];
                if (last.Length == 0)
                {
                    File.Delete(last.Path);
                }
            }

            if (_opened)
            {
                WriteCheckpoint();
            }
        }
    }

    private void WriteRecord(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > JournalRecord.MaxPayload)
        {
            throw new ArgumentException("A journal record cannot exceed 64 MiB.", nameof(payload));
        }

        JournalRecord.WriteHeader(_header, payload);
        _active!.Write(_header);
        _active.Write(payload);
        var segment = _segments[^1];
        segment.Length += JournalRecord.HeaderSize + payload.Length;
        segment.Records++;
        _dirty = true;
    }

    private void AfterWrite()
    {
        if (_segments[^1].Length >= _options.SegmentBytes)
        {
            Roll();
        }

        EnforceLimit();
    }

    private long CountPending()
    {
        long pending = 0;
        foreach (var segment in _segments)
        {
            if (segment.Sequence > _read.Segment)
            {
                pending += segment.Records;
            }
            else if (segment.Sequence == _read.Segment)
            {
                pending += segment.Records - _read.Record;
            }
        }

        return pending;
    }

    private void Roll()
    {
        var current = _segments[^1];
        _active!.Flush(flushToDisk: true);
        _active.Dispose();
        _dirty = false;
        StartSegment(current.Sequence + 1);
    }

    private void StartSegment(long sequence)
    {
        var path = Path.Combine(_options.Path, JournalSegment.FileName(sequence));
        _active = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024);
        _segments.Add(new JournalSegment(sequence, path));
    }

    private void EnforceLimit()
    {
        var total = _segments.Sum(s => s.Length);
        if (total <= _options.MaxBytes)
        {
            return;
        }

        if (_segments.Count == 1)
        {
            Roll();
        }

        while (total > _options.MaxBytes && _segments.Count > 1)
        {
            var oldest = _segments[0];
            var unread = oldest.Sequence > _read.Segment ? oldest.Records
                : oldest.Sequence == _read.Segment ? oldest.Records - _read.Record
                : 0;
            TryDelete(oldest.Path);
            _segments.RemoveAt(0);
            total -= oldest.Length;
            if (_read.Segment <= oldest.Sequence)
            {
                _read = new JournalPosition(_segments[0].Sequence, 0, 0);
            }

            _counters.AddJournalDropped(unread);
            Log.JournalSegmentDropped(_logger, oldest.Sequence, unread, _options.MaxBytes);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            Log.JournalDeleteFailed(_logger, path, ex);
        }
    }

    private void WriteCheckpoint()
    {
        var path = Path.Combine(_options.Path, CheckpointFileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"{_read.Segment} {_read.Offset} {_read.Record}"));
        File.Move(temp, path, overwrite: true);
    }

    private void OnFsyncTimer()
    {
        lock (_gate)
        {
            if (_dirty && _active is not null && !_disposed)
            {
                try
                {
                    _active.Flush(flushToDisk: true);
                    _dirty = false;
                }
                catch (IOException ex)
                {
                    Log.JournalFsyncFailed(_logger, ex);
                }
            }
        }
    }
}
