namespace HaIngestor.Connector.Journal;

internal sealed partial class EventJournal
{
    /// <summary>
    /// Reads up to <paramref name="maxRecords"/> records from the read position without moving it; commit the
    /// batch's <see cref="JournalReadBatch.End"/> once its records are delivered. Torn or corrupt records are skipped
    /// (counted, logged). File reads happen outside the lock, so appends are never held up by a reader.
    /// </summary>
    public JournalReadBatch ReadBatch(int maxRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        JournalPosition position;
        (long Sequence, string Path, long Length, long Records)[] snapshot;
        lock (_gate)
        {
            EnsureOpen();
            position = _read;
            snapshot = [.. _segments.Where(s => s.Sequence >= position.Segment).Select(s => (s.Sequence, s.Path, s.Length, s.Records))];
        }

        var records = new List<byte[]>(Math.Min(maxRecords, 1024));
        var skipped = 0;
        for (var i = 0; i < snapshot.Length && records.Count < maxRecords; i++)
        {
            var segment = snapshot[i];
            if (segment.Sequence > position.Segment)
            {
                position = new JournalPosition(segment.Sequence, 0, 0);
            }

            if (position.Offset < segment.Length)
            {
                try
                {
                    position = ReadSegment(segment.Path, segment.Length, position, records, maxRecords, ref skipped);
                }
                catch (FileNotFoundException)
                {
                    // Dropped by the size limit meanwhile (already counted there); go on with the next segment.
                    continue;
                }
            }

            var isLast = i == snapshot.Length - 1;
            if (position.Offset >= segment.Length && !isLast)
            {
                position = new JournalPosition(snapshot[i + 1].Sequence, 0, 0);
            }
        }

        if (skipped > 0)
        {
            _counters.AddJournalCorrupt(skipped);
            Log.JournalCorruptRecords(_logger, skipped, position.Segment);
        }

        var batch = new JournalReadBatch(records, position);
        if (records.Count == 0)
        {
            Commit(position);
        }
        else
        {
            lock (_gate)
            {
                // Being delivered: if the size limit drops its segment meanwhile, these are not counted as dropped.
                if (position > _readAhead)
                {
                    _readAhead = position;
                }
            }
        }

        return batch;
    }

    /// <summary>Marks everything before <paramref name="end"/> as delivered and deletes fully delivered segments.</summary>
    public void Commit(JournalPosition end)
    {
        lock (_gate)
        {
            EnsureOpen();
            if (end <= _read)
            {
                return;
            }

            _read = end;
            while (_segments.Count > 1 && _segments[0].Sequence < _read.Segment)
            {
                TryDelete(_segments[0].Path);
                _segments.RemoveAt(0);
            }

            if (_segments.Count > 1 && _segments[0].Sequence == _read.Segment && _read.Offset >= _segments[0].Length)
            {
                TryDelete(_segments[0].Path);
                _segments.RemoveAt(0);
                _read = new JournalPosition(_segments[0].Sequence, 0, 0);
            }

            if (CountPending() == 0 && _segments.Count == 1 && _segments[0].Length > 0)
            {
                // Fully drained: start afresh so the delivered bytes leave the disk.
                var drained = _segments[0];
                Roll();
                if (_segments.Count > 1)
                {
                    _segments.RemoveAt(0);
                    TryDelete(drained.Path);
                    _read = new JournalPosition(_segments[0].Sequence, 0, 0);
                }
            }

            WriteCheckpoint();
        }
    }

    private static JournalPosition ReadSegment(string path, long length, JournalPosition position, List<byte[]> records, int maxRecords, ref int skipped)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        stream.Position = position.Offset;
        Span<byte> header = stackalloc byte[JournalRecord.HeaderSize];
        var offset = position.Offset;
        var record = position.Record;
        while (offset + JournalRecord.HeaderSize <= length && records.Count < maxRecords)
        {
            stream.ReadExactly(header);
            var size = JournalRecord.ReadLength(header);
            if (size < 0 || offset + JournalRecord.HeaderSize + size > length)
            {
                // The frame itself is damaged: nothing after it in this segment can be trusted.
                skipped++;
                return new JournalPosition(position.Segment, length, record + 1);
            }

            var payload = new byte[size];
            stream.ReadExactly(payload);
            offset += JournalRecord.HeaderSize + size;
            record++;
            if (JournalRecord.IsIntact(header, payload))
            {
                records.Add(payload);
            }
            else
            {
                skipped++;
            }
        }

        return new JournalPosition(position.Segment, offset, record);
    }
}
