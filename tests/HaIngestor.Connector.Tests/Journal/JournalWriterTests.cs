using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Tests.Journal;

public sealed class JournalWriterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new("hai-journal-writer");
    private readonly ConnectorCounters _counters = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_JournalUnavailableForSeveralBatches_LogsOnceAndOnceOnRecoveryWithTheCount()
    {
        using var journal = CreateJournal();
        var unavailable = true;
        journal.BeforeWrite = () =>
        {
            if (Volatile.Read(ref unavailable))
            {
                throw new UnauthorizedAccessException("Access to the journal folder is denied.");
            }
        };
        var logger = new FakeLogger();
        var writer = new JournalWriter(journal, 100, _counters, new SinkOutage(TimeProvider.System, NullLogger<SinkOutage>.Instance), logger);

        // Three batches while the folder is unwritable: one line for the episode, not one per batch.
        for (var i = 0; i < 3; i++)
        {
            Assert.True(writer.TryEnqueue(TestEvents.StateChanged("sensor.a", i)));
        }

        Assert.True(writer.TryEnqueueRange([TestEvents.StateChanged("sensor.a", 3), TestEvents.StateChanged("sensor.a", 4)]));
        await WaitForWrittenAsync(writer, 5);
        Assert.Equal(5, _counters.JournalDropped);

        Volatile.Write(ref unavailable, false);
        Assert.True(writer.TryEnqueue(TestEvents.StateChanged("sensor.a", 5)));
        Assert.True(writer.TryEnqueue(TestEvents.StateChanged("sensor.a", 6)));
        await WaitForWrittenAsync(writer, 7);
        await writer.CompleteAsync().WaitAsync(Timeout);

        var lines = logger.Collector.GetSnapshot();
        var down = Assert.Single(lines, l => l.Id.Id == 6509);
        Assert.Equal(LogLevel.Error, down.Level);
        Assert.Contains("UnauthorizedAccessException", down.Message, StringComparison.Ordinal);
        var up = Assert.Single(lines, l => l.Id.Id == 6510);
        Assert.Equal("5", up.GetStructuredStateValue("Events"));
        Assert.True(lines.ToList().IndexOf(down) < lines.ToList().IndexOf(up), "the recovery was logged before the failure");
        Assert.Equal(2, journal.PendingRecords);
        Assert.Equal(2, _counters.Spilled);
    }

    private static async Task WaitForWrittenAsync(JournalWriter writer, long written)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            while (writer.Written < written)
            {
                await writer.WaitForWriteAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The writer wrote {writer.Written} of {written} events within {Timeout.TotalSeconds} s.");
        }
    }

    private EventJournal CreateJournal() =>
        new(Options.Create(new JournalOptions { Path = _folder.Path }), TimeProvider.System, _counters, NullLogger<EventJournal>.Instance);
}
