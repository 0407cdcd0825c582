using System.Diagnostics;
using System.Text;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Tests.Journal;

/// <summary>
/// The journal on a volume that fills up: a real 64 KiB tmpfs (root, as ./test.sh runs in CI), filled by another file
/// to the last page, so the journal meets ENOSPC mid-record as it would on a full disk.
/// </summary>
public sealed class EventJournalFullDiskTests : IDisposable
{
    private const int PageBytes = 4096;
    private readonly TempFolder _folder = new("hai-journal-full");
    private readonly ConnectorCounters _counters = new();
    private readonly string _volume;

    public EventJournalFullDiskTests()
    {
        _volume = Directory.CreateDirectory(Path.Combine(_folder.Path, "volume")).FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", _volume);
        Assert.True(code == 0, $"Could not mount a 64 KiB tmpfs on {_volume} (exit {code}: {output.Trim()}): this test needs root or CAP_SYS_ADMIN, as ./test.sh has in CI.");
    }

    public void Dispose()
    {
        Run("umount", "-l", _volume);
        _folder.Dispose();
    }

    [Fact]
    public void Append_DiskFull_DroppedCountedAndJournalStaysWhole()
    {
        var journalPath = Path.Combine(_volume, "journal");
        using (var journal = CreateSut(journalPath))
        {
            journal.Open();
            var filler = FillVolumeLeavingOnePage();

            // 1,008-byte records: four fit the free page, the fifth is cut short by ENOSPC, the sixth finds no room.
            var appended = Enumerable.Range(0, 6).Select(i => journal.Append(Record(i))).ToList();
            Assert.Equal([true, true, true, true, false, false], appended);
            Assert.Equal(2, _counters.JournalDropped);
            Assert.Equal(4, journal.PendingRecords);

            File.Delete(filler);
            Assert.True(journal.Append(Record(6)));
            Assert.Equal(1, journal.AppendRange([Record(7)]));
        }

        // The cut-short record left nothing behind: reopened, the journal reads whole records only, none corrupt.
        using var reopened = CreateSut(journalPath);
        Assert.Equal(["r0", "r1", "r2", "r3", "r6", "r7"], ReadAll(reopened));
        Assert.Equal(0, _counters.JournalCorrupt);
    }

    [Fact]
    public void AppendRange_DiskFull_WritesInOrderUntilFullAndCountsTheRest()
    {
        using var journal = CreateSut(Path.Combine(_volume, "journal"));
        journal.Open();
        FillVolumeLeavingOnePage();

        Assert.Equal(4, journal.AppendRange(Enumerable.Range(0, 10).Select(Record)));
        Assert.Equal(6, _counters.JournalDropped);
        Assert.Equal(["r0", "r1", "r2", "r3"], ReadAll(journal));
    }

    /// <summary>Writes a file page by page until the volume refuses, then frees one page.</summary>
    private string FillVolumeLeavingOnePage()
    {
        var path = Path.Combine(_volume, "filler");
        using var filler = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var page = new byte[PageBytes];
        try
        {
            while (true)
            {
                filler.Write(page);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        filler.SetLength(filler.Length / PageBytes * PageBytes - PageBytes);
        return path;
    }

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($"r{i}".PadRight(1000, '.'));

    private static List<string> ReadAll(EventJournal journal)
    {
        var all = new List<string>();
        while (journal.PendingRecords > 0)
        {
            var batch = journal.ReadBatch(3);
            all.AddRange(batch.Records.Select(r => Encoding.UTF8.GetString(r).TrimEnd('.')));
            journal.Commit(batch.End);
        }

        return all;
    }

    private EventJournal CreateSut(string path) =>
        new(
            Options.Create(new JournalOptions { Path = path, SegmentBytes = 1 << 20 }),
            TimeProvider.System,
            _counters,
            NullLogger<EventJournal>.Instance);

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
