using System.Globalization;

namespace HaIngestor.Connector.Journal;

internal sealed partial class EventJournal
{
    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_opened)
        {
            return;
        }

        Directory.CreateDirectory(_options.Path);
        var checkpoint = ReadCheckpoint();
        var files = Directory.GetFiles(_options.Path, "*.seg")
            .Select(path => (Path: path, Sequence: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(f => f.Sequence >= 0)
            .OrderBy(f => f.Sequence)
            .ToList();

        long lastSequence = Math.Max(0, checkpoint.Segment);
        foreach (var (path, sequence) in files)
        {
            lastSequence = Math.Max(lastSequence, sequence);
            if (sequence < checkpoint.Segment)
            {
                TryDelete(path);
                continue;
            }

            var segment = Scan(sequence, path);
            if (segment.Records == 0)
            {
                TryDelete(path);
                continue;
            }

            _segments.Add(segment);
        }

        _read = checkpoint;
        if (_segments.Count > 0 && _segments[0].Sequence > _read.Segment)
        {
            _read = new JournalPosition(_segments[0].Sequence, 0, 0);
        }
        else if (_segments.Count > 0 && _segments[0].Sequence == _read.Segment && _read.Offset > _segments[0].Length)
        {
            _read = new JournalPosition(_read.Segment, _segments[0].Length, _segments[0].Records);
        }

        // Never append after a previous run's tail: it may be torn. Every run writes a fresh segment.
        StartSegment(lastSequence + 1);
        if (_segments.Count == 1)
        {
            _read = new JournalPosition(_segments[0].Sequence, 0, 0);
        }

        _opened = true;
        var pending = CountPending();
        if (pending > 0)
        {
            Log.JournalRecovered(_logger, pending, _segments.Count - 1);
        }

        _fsyncTimer = _timeProvider.CreateTimer(_ => OnFsyncTimer(), null, _options.FsyncInterval, _options.FsyncInterval);
    }

    private JournalSegment Scan(long sequence, string path)
    {
        var segment = new JournalSegment(sequence, path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        var header = new byte[JournalRecord.HeaderSize];
        var fileLength = stream.Length;
        long offset = 0;
        while (offset + JournalRecord.HeaderSize <= fileLength)
        {
            stream.Position = offset;
            stream.ReadExactly(header);
            var length = JournalRecord.ReadLength(header);
            if (length < 0 || length > JournalRecord.MaxPayload || offset + JournalRecord.HeaderSize + length > fileLength)
            {
                break;
            }

            offset += JournalRecord.HeaderSize + length;
            segment.Records++;
        }

        segment.Length = offset;
        if (fileLength > offset)
        {
            _counters.AddJournalCorrupt();
            Log.JournalTornTail(_logger, sequence, fileLength - offset);
        }

        return segment;
    }

    private JournalPosition ReadCheckpoint()
    {
        var path = Path.Combine(_options.Path, CheckpointFileName);
        if (!File.Exists(path))
        {
            return default;
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var record)
            ? new JournalPosition(segment, offset, record)
            : default;
    }
}
