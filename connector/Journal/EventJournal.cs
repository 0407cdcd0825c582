using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HaIngestor.Connector.Service;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Journal;

/// <summary>
/// A bounded, append-only on-disk journal of opaque records in segment files. Appends are flushed to the OS at once
/// and fsynced on segment roll, on a timer and on dispose. Reading is at-least-once: a batch is read, delivered, then
/// committed; a crash between the two replays it (harmless, since points are idempotent). Thread-safe.
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
    private JournalPosition _readAhead;
    private ITimer? _fsyncTimer;
    private bool _dirty;
    private bool _opened;
    private bool _disposed;
    private long _unwritable;
    private bool _checkpointFailing;

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
    /// Appends one record, written to the OS at once. False when it cannot be written (a full disk): the record is
    /// dropped, counted in <c>events_dropped_total</c> and the episode logged once.
    /// </summary>
    public bool Append(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            EnsureOpen();
            if (!TryWriteRecord(payload, out var error))
            {
                Unwritable(1, error);
                return false;
            }

            AfterWrite();
            return true;
        }
    }

    /// <summary>
    /// Appends records in order and returns how many were written; once one cannot be (a full disk), it and the
    /// rest are dropped, counted and logged, and nothing after it is written, so the journal keeps the order.
    /// </summary>
    public int AppendRange(IEnumerable<byte[]> payloads)
    {
        lock (_gate)
        {
            EnsureOpen();
            var written = 0;
            var unwritten = 0;
            IOException? error = null;
            foreach (var payload in payloads)
            {
                if (error is not null || !TryWriteRecord(payload, out error))
                {
                    unwritten++;
                    continue;
                }

                written++;
                if (_segments[^1].Length >= _options.SegmentBytes)
                {
                    AfterWrite();
                }
            }

            if (error is not null)
            {
                Unwritable(unwritten, error);
            }

            AfterWrite();
            return written;
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

    /// <summary>
    /// Writes one record in a single write. On an I/O error (ENOSPC) the segment is cut back to its last whole record,
    /// since a short write may have left part of this one, so the next record follows a whole one.
    /// </summary>
    private bool TryWriteRecord(ReadOnlySpan<byte> payload, [NotNullWhen(false)] out IOException? error)
    {
        if (payload.Length > JournalRecord.MaxPayload)
        {
            throw new ArgumentException("A journal record cannot exceed 64 MiB.", nameof(payload));
        }

        var size = JournalRecord.HeaderSize + payload.Length;
        var frame = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            JournalRecord.WriteHeader(frame, payload);
            payload.CopyTo(frame.AsSpan(JournalRecord.HeaderSize));
            try
            {
                if (_active is null)
                {
                    // The last segment could not be cut back after a failed write: continue in a new one.
                    StartSegment(_segments[^1].Sequence + 1);
                }

                _active!.Write(frame, 0, size);
            }
            catch (IOException ex)
            {
                CutBackActive();
                error = ex;
                return false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }

        var segment = _segments[^1];
        segment.Length += size;
        segment.Records++;
        _dirty = true;
        if (_unwritable > 0)
        {
            Log.JournalWritesResumed(_logger, Folder, _unwritable);
            _unwritable = 0;
        }

        error = null;
        return true;
    }

    private void CutBackActive()
    {
        if (_active is null)
        {
            return;
        }

        var length = _segments[^1].Length;
        try
        {
            _active.SetLength(length);
            _active.Position = length;
        }
        catch (IOException)
        {
            try
            {
                _active.Dispose();
            }
            catch (IOException)
            {
                // Nothing buffered (the stream writes through): the handle is closed either way.
            }

            _active = null;
        }
    }

    /// <summary>Counts records that could not be written as dropped; logs the first of an episode.</summary>
    private void Unwritable(long records, IOException error)
    {
        _counters.AddJournalDropped(records);
        if (_unwritable == 0)
        {
            Log.JournalWriteFailed(_logger, Folder, error.Message);
        }

        _unwritable += records;
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
        if (_active is not null)
        {
            try
            {
                _active.Flush(flushToDisk: true);
            }
            catch (IOException ex)
            {
                Log.JournalFsyncFailed(_logger, ex);
            }

            _active.Dispose();
            _active = null;
        }

        _dirty = false;
        try
        {
            StartSegment(current.Sequence + 1);
        }
        catch (IOException)
        {
            // No room for a new file: the next append tries again (and counts what it cannot write).
        }
    }

    private void StartSegment(long sequence)
    {
        var path = Path.Combine(_options.Path, JournalSegment.FileName(sequence));
        // Unbuffered: each record is one write, so a failed one (a full disk) is known at once and exactly.
        _active = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
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
            // Records a reader holds (read, not yet committed) are being delivered: only those after them are dropped.
            var oldest = _segments[0];
            var taken = _readAhead > _read ? _readAhead : _read;
            var unread = oldest.Sequence > taken.Segment ? oldest.Records
                : oldest.Sequence == taken.Segment ? Math.Max(0, oldest.Records - taken.Record)
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
        try
        {
            File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"{_read.Segment} {_read.Offset} {_read.Record}"));
            File.Move(temp, path, overwrite: true);
            _checkpointFailing = false;
        }
        catch (IOException ex)
        {
            // The old checkpoint stays: a restart replays what was delivered since (at-least-once, harmless).
            if (!_checkpointFailing)
            {
                _checkpointFailing = true;
                Log.JournalCheckpointFailed(_logger, ex.Message);
            }
        }
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
