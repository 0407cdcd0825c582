using System.Text;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Tests.Journal;

public sealed class EventJournalTests : IDisposable
{
    private readonly TempFolder _folder = new("hai-journal");
    private readonly ConnectorCounters _counters = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadBatch_AfterAppends_ReturnsRecordsInOrderUntilCommitted()
    {
        using var journal = CreateSut();
        for (var i = 0; i < 10; i++)
        {
            journal.Append(Record(i));
        }

        var first = journal.ReadBatch(4);
        Assert.Equal(["r0", "r1", "r2", "r3"], first.Records.Select(Text));
        Assert.Equal(10, journal.PendingRecords);

        // Not committed: the same records come again (at-least-once).
        Assert.Equal(["r0", "r1", "r2", "r3"], journal.ReadBatch(4).Records.Select(Text));
        journal.Commit(first.End);
        Assert.Equal(6, journal.PendingRecords);
        Assert.Equal(["r4", "r5", "r6", "r7", "r8", "r9"], journal.ReadBatch(100).Records.Select(Text));
    }

    [Fact]
    public void Open_AfterRestart_ReplaysUncommittedRecordsAcrossSegments()
    {
        using (var journal = CreateSut(segmentBytes: 1024))
        {
            for (var i = 0; i < 200; i++)
            {
                journal.Append(Record(i));
            }

            journal.Commit(journal.ReadBatch(50).End);
        }

        using var reopened = CreateSut(segmentBytes: 1024);
        Assert.Equal(150, reopened.PendingRecords);
        var all = ReadAll(reopened);
        Assert.Equal(Enumerable.Range(50, 150).Select(i => $"r{i}"), all);
        Assert.Equal(0, reopened.PendingRecords);
    }

    [Fact]
    public void Open_TornTailRecord_IsSkippedAndCounted()
    {
        using (var journal = CreateSut())
        {
            for (var i = 0; i < 5; i++)
            {
                journal.Append(Record(i));
            }
        }

        // A crash mid-append: a header promising more bytes than were written.
        var segment = Directory.GetFiles(_folder.Path, "*.seg").Single();
        using (var stream = new FileStream(segment, FileMode.Append))
        {
            stream.Write([200, 0, 0, 0, 1, 2, 3, 4, (byte)'x', (byte)'y']);
        }

        using var reopened = CreateSut();
        Assert.Equal(5, reopened.PendingRecords);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"r{i}"), ReadAll(reopened));
        Assert.Equal(1, _counters.JournalCorrupt);
    }

    [Fact]
    public void ReadBatch_CorruptRecordInTheMiddle_IsSkippedAndTheRestIsRead()
    {
        using (var journal = CreateSut())
        {
            for (var i = 0; i < 3; i++)
            {
                journal.Append(Record(i));
            }
        }

        var segment = Directory.GetFiles(_folder.Path, "*.seg").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[JournalRecord.HeaderSize + 1] ^= 0xFF; // flip a payload byte of the first record
        File.WriteAllBytes(segment, bytes);

        using var reopened = CreateSut();
        Assert.Equal(["r1", "r2"], ReadAll(reopened));
        Assert.Equal(1, _counters.JournalCorrupt);
    }

    [Fact]
    public void Append_BeyondMaxBytes_DropsOldestSegmentAndCountsItsEvents()
    {
        using var journal = CreateSut(segmentBytes: 1024, maxBytes: 4096);
        const int total = 1000;
        for (var i = 0; i < total; i++)
        {
            journal.Append(Record(i));
        }

        Assert.True(journal.TotalBytes <= 4096);
        var kept = ReadAll(journal);
        Assert.True(_counters.JournalDropped > 0);
        Assert.Equal(total, kept.Count + _counters.JournalDropped);

        // What is kept is the newest, still in order.
        Assert.Equal(Enumerable.Range(total - kept.Count, kept.Count).Select(i => $"r{i}"), kept);
    }

    [Fact]
    public void Append_BeyondMaxBytesWhileABatchIsBeingDelivered_DoesNotCountThatBatchAsDropped()
    {
        using var journal = CreateSut(segmentBytes: 1024, maxBytes: 4096);
        for (var i = 0; i < 100; i++)
        {
            journal.Append(Record(i));
        }

        // Read, not yet committed (the transport is retrying it): the limit drops its segment meanwhile.
        var inFlight = journal.ReadBatch(30);
        var droppedBefore = _counters.JournalDropped;
        for (var i = 100; i < 1000; i++)
        {
            journal.Append(Record(i));
        }

        journal.Commit(inFlight.End);
        var kept = ReadAll(journal);
        var dropped = _counters.JournalDropped;
        Assert.True(dropped > droppedBefore);
        // Every record is delivered once or counted as dropped once, never both.
        Assert.Equal(1000, inFlight.Records.Count + dropped + kept.Count);
    }

    [Fact]
    public void Commit_EverythingDelivered_RemovesDeliveredSegments()
    {
        using var journal = CreateSut(segmentBytes: 1024);
        for (var i = 0; i < 300; i++)
        {
            journal.Append(Record(i));
        }

        Assert.True(Directory.GetFiles(_folder.Path, "*.seg").Length > 2);
        ReadAll(journal);
        Assert.Equal(0, journal.TotalBytes);
        Assert.Single(Directory.GetFiles(_folder.Path, "*.seg"));
    }

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($"r{i}");

    private static string Text(byte[] record) => Encoding.UTF8.GetString(record);

    private static List<string> ReadAll(EventJournal journal)
    {
        var all = new List<string>();
        while (journal.PendingRecords > 0)
        {
            var batch = journal.ReadBatch(37);
            all.AddRange(batch.Records.Select(Text));
            journal.Commit(batch.End);
        }

        return all;
    }

    private EventJournal CreateSut(long segmentBytes = 1 << 20, long maxBytes = 1 << 30) =>
        new(
            Options.Create(new JournalOptions { Path = _folder.Path, SegmentBytes = segmentBytes, MaxBytes = maxBytes }),
            TimeProvider.System,
            _counters,
            NullLogger<EventJournal>.Instance);
}
