using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Batching;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Connector.Tests.Ingestion;

public sealed class EventBufferTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] Entities = ["sensor.a", "sensor.b", "sensor.c", "light.d"];
    private readonly TempFolder _folder = new("hai-buffer");
    private readonly ConnectorCounters _counters = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_TransportOutage_SpillsToJournalAndReplaysWithoutLossInOrder()
    {
        using var journal = CreateJournal();
        var buffer = CreateSut(journal, capacity: 64);
        var transport = new RecordingTransport();
        using var stop = new CancellationTokenSource();
        var forwarder = buffer.RunAsync(transport, stop.Token);

        var sequence = 0;
        Accept(buffer, 200, ref sequence);
        await Eventually.AssertAsync(() => transport.Delivered.Count == 200, Timeout, "first events delivered");

        transport.Down = true;
        Accept(buffer, 1000, ref sequence);
        await Eventually.AssertAsync(() => buffer.Spilling && _counters.Spilled > 0, Timeout, "events spilled while the transport is down");
        Accept(buffer, 500, ref sequence);
        Assert.True(buffer.JournalDepth > 0);

        transport.Down = false;
        Accept(buffer, 300, ref sequence);
        await Eventually.AssertAsync(() => transport.Delivered.Count >= sequence && !buffer.Spilling, Timeout, "journal replayed");

        await stop.CancelAsync();
        await forwarder;
        AssertNoLossAndPerEntityOrder(transport.Delivered, sequence);
        Assert.True(_counters.Replayed > 0);
        Assert.Equal(0, journal.PendingRecords);
    }

    [Fact]
    public async Task Accept_BufferFull_NeverBlocksAndSpillsEverythingLaterInOrder()
    {
        using var journal = CreateJournal();
        var buffer = CreateSut(journal, capacity: 16);
        var transport = new RecordingTransport();
        var sequence = 0;

        // No consumer yet: the buffer fills at once and the rest goes to the journal, through its writer.
        Accept(buffer, 5000, ref sequence);
        Assert.True(buffer.Spilling);
        await Eventually.AssertAsync(() => journal.PendingRecords == 5000 - 16, Timeout, "the events beyond the buffer journaled");
        Assert.Equal(16, buffer.Buffered);

        using var stop = new CancellationTokenSource();
        var forwarder = buffer.RunAsync(transport, stop.Token);
        await Eventually.AssertAsync(() => transport.Delivered.Count == 5000, Timeout, "all delivered");
        await stop.CancelAsync();
        await forwarder;
        AssertNoLossAndPerEntityOrder(transport.Delivered, sequence);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileTransportDown_JournalsTheRestAndNextRunDeliversIt()
    {
        var sequence = 0;
        var transport = new RecordingTransport { Down = true };
        using (var journal = CreateJournal())
        {
            var buffer = CreateSut(journal, capacity: 10_000);
            using var stop = new CancellationTokenSource();
            var forwarder = buffer.RunAsync(transport, stop.Token);
            Accept(buffer, 250, ref sequence);
            await Eventually.AssertAsync(() => transport.Failures > 0, Timeout, "a send failed");
            await stop.CancelAsync();
            await forwarder;
            Assert.Equal(250, journal.PendingRecords);
        }

        transport.Down = false;
        using (var journal = CreateJournal())
        {
            var buffer = CreateSut(journal, capacity: 10_000);
            Assert.True(buffer.Spilling);
            using var stop = new CancellationTokenSource();
            var forwarder = buffer.RunAsync(transport, stop.Token);
            Accept(buffer, 50, ref sequence);
            await Eventually.AssertAsync(() => transport.Delivered.Count == 300, Timeout, "journal from the previous run and live events delivered");
            await stop.CancelAsync();
            await forwarder;
        }

        AssertNoLossAndPerEntityOrder(transport.Delivered, sequence);
    }

    [Fact]
    public async Task RunAsync_StoppedWithASlowTransport_DrainTimeoutJournalsWhatIsLeftAndNextRunDeliversIt()
    {
        // A slow sink at shutdown: the drain delivers what it can within Connector:DrainTimeout, the send in flight
        // when the time runs out is cancelled, and everything not delivered (that batch too) goes to the journal.
        var sequence = 0;
        var slow = new RecordingTransport { SendDelay = TimeSpan.FromMilliseconds(100) };
        var logger = new RecordingLogger<EventBuffer>();
        using (var journal = CreateJournal())
        {
            var buffer = CreateSut(journal, capacity: 10_000, logger: logger, drainTimeout: TimeSpan.FromMilliseconds(350));
            using var stop = new CancellationTokenSource();
            var forwarder = buffer.RunAsync(slow, stop.Token);
            Accept(buffer, 2000, ref sequence);
            await Eventually.AssertAsync(() => slow.Delivered.Count > 0, Timeout, "a first slow batch delivered");
            await stop.CancelAsync();
            await forwarder.WaitAsync(Timeout);

            var delivered = slow.Delivered.Count;
            Assert.True(delivered < 2000, "The drain delivered everything: the test needs more events or a slower transport.");
            Assert.Equal(2000 - delivered, journal.PendingRecords);
            Assert.Contains(logger.Messages, m => m.Contains("journaled for the next start", StringComparison.Ordinal) && m.Contains("Connector:DrainTimeout", StringComparison.Ordinal));
            Assert.Contains(logger.Messages, m => m.StartsWith("Event buffer drained", StringComparison.Ordinal));
        }

        var transport = new RecordingTransport();
        using (var journal = CreateJournal())
        {
            var buffer = CreateSut(journal, capacity: 10_000);
            using var stop = new CancellationTokenSource();
            var forwarder = buffer.RunAsync(transport, stop.Token);
            await Eventually.AssertAsync(() => transport.Delivered.Count == 2000 - slow.Delivered.Count, Timeout, "the journaled rest delivered by the next run");
            await stop.CancelAsync();
            await forwarder;
        }

        AssertNoLossAndPerEntityOrder([.. slow.Delivered, .. transport.Delivered], sequence);
    }

    [Fact]
    public async Task Accept_JournalStalled_ReturnsAtOnceAndDeliversEverythingOnceItMoves()
    {
        using var journal = CreateJournal();
        using var disk = new ManualResetEventSlim(false);
        journal.BeforeWrite = () => disk.Wait(Timeout);
        var buffer = CreateSut(journal, capacity: 16);
        var transport = new RecordingTransport();
        using var stop = new CancellationTokenSource();
        var forwarder = buffer.RunAsync(transport, stop.Token);

        // Far more than memory holds, with every journal write stalled under the journal's lock (as a slow fsync).
        var sequence = 0;
        var accepting = Task.Run(() => Accept(buffer, 3000, ref sequence));
        await AssertCompletesAsync(accepting, "Accept waited on the stalled journal");
        Assert.Equal(3000, _counters.Received);
        Assert.Equal(0, buffer.Overflowed);
        Assert.True(buffer.Spilling);

        disk.Set();
        await Eventually.AssertAsync(() => transport.Delivered.Count == 3000 && !buffer.Spilling, Timeout, "everything delivered once the disk moves");
        await stop.CancelAsync();
        await forwarder;
        AssertNoLossAndPerEntityOrder(transport.Delivered, 3000);
        Assert.Equal(3000, _counters.Published);
        Assert.Equal(_counters.Spilled, _counters.Replayed);
        Assert.Equal(0, _counters.JournalDropped);
        Assert.Equal(0, journal.PendingRecords);
    }

    [Fact]
    public async Task Accept_MemoryAndWriteQueueFull_DropsCountedLogsOnceAndDeliversTheRest()
    {
        using var journal = CreateJournal();
        using var disk = new ManualResetEventSlim(false);
        journal.BeforeWrite = () => disk.Wait(Timeout);
        var logger = new RecordingLogger<EventBuffer>();
        var buffer = CreateSut(journal, capacity: 16, writeQueueCapacity: 16, logger: logger);
        var transport = new RecordingTransport();

        // No consumer: 16 stay in memory, 16 wait for the stalled writer, the next 10 have nowhere to go.
        var sequence = 0;
        var accepting = Task.Run(() => Accept(buffer, 42, ref sequence));
        await AssertCompletesAsync(accepting, "Accept waited although memory and the write queue were full");
        Assert.Equal(10, buffer.Overflowed);
        Assert.Equal(10, _counters.JournalDropped);
        Assert.Equal(1, logger.Count(6525));

        disk.Set();
        using var stop = new CancellationTokenSource();
        var forwarder = buffer.RunAsync(transport, stop.Token);
        await Eventually.AssertAsync(() => transport.Delivered.Count == 32 && !buffer.Spilling, Timeout, "what was kept delivered");
        buffer.Accept(TestEvents.StateChanged(Entities[0], 1000));
        await Eventually.AssertAsync(() => transport.Delivered.Count == 33, Timeout, "a later event delivered");
        await stop.CancelAsync();
        await forwarder;

        // What was kept is the first 32, in order; received = delivered + dropped.
        Assert.Equal(Enumerable.Range(0, 32).Append(1000), transport.Delivered.Select(TestEvents.SequenceOf));
        Assert.Equal(_counters.Received, _counters.Published + buffer.Overflowed);
        Assert.Equal(1, logger.Count(6525));
    }

    [Fact]
    public async Task RunAsync_EventAcceptedWhileDrainFails_JournalsItBehindTheOlderEvents()
    {
        using var journal = CreateJournal();

        // Fake time: the batch's delay never elapses, so the ten events are still in memory when the drain begins.
        var buffer = CreateSut(journal, capacity: 100, timeProvider: new FakeTimeProvider());
        var sequence = 0;
        var transport = new AcceptingWhileFailingTransport(() => Accept(buffer, 1, ref sequence));
        using var stop = new CancellationTokenSource();
        var forwarder = buffer.RunAsync(transport, stop.Token);
        Accept(buffer, 10, ref sequence);

        // The drain's send takes a newer event from Home Assistant, then fails: the ten go to the journal, then it.
        await stop.CancelAsync();
        await AssertCompletesAsync(forwarder, "the drain did not finish");

        Assert.Equal(1, transport.Calls);
        var journaled = journal.ReadBatch(100).Records
            .Select(r => ReceivedEventCodec.TryDecode(r, out var e) ? TestEvents.SequenceOf(e) : -1);
        Assert.Equal(Enumerable.Range(0, 11), journaled);
    }

    private static async Task AssertCompletesAsync(Task task, string failure)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail(failure);
        }
    }

    private static void Accept(EventBuffer buffer, int count, ref int sequence)
    {
        for (var i = 0; i < count; i++, sequence++)
        {
            buffer.Accept(TestEvents.StateChanged(Entities[sequence % Entities.Length], sequence));
        }
    }

    private static void AssertNoLossAndPerEntityOrder(IReadOnlyList<Connector.Ingestion.ReceivedEvent> delivered, int expected)
    {
        var sequences = delivered.Select(TestEvents.SequenceOf).ToList();
        Assert.Equal(Enumerable.Range(0, expected), sequences.Distinct().Order());

        // Redelivery after a failure may repeat events, but per entity the first deliveries keep their order.
        foreach (var group in delivered.GroupBy(e => e.Header.EntityId))
        {
            var firstSeen = group.Select(TestEvents.SequenceOf).Distinct().ToList();
            var broken = firstSeen.Zip(firstSeen.Skip(1)).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First > x.p.Second);
            Assert.True(
                broken == default,
                $"Order of {group.Key} broken at index {broken.i}: ... {string.Join(",", firstSeen.Skip(Math.Max(0, broken.i - 5)).Take(12))} ...");
        }
    }

    private EventJournal CreateJournal() =>
        new(Options.Create(new JournalOptions { Path = _folder.Path, SegmentBytes = 64 * 1024 }), TimeProvider.System, _counters, NullLogger<EventJournal>.Instance);

    private EventBuffer CreateSut(
        EventJournal journal,
        int capacity,
        int writeQueueCapacity = 10_000,
        TimeProvider? timeProvider = null,
        BatcherOptions? batching = null,
        Microsoft.Extensions.Logging.ILogger<EventBuffer>? logger = null,
        TimeSpan? drainTimeout = null) =>
        new(
            Options.Create(new ConnectorOptions { BufferCapacity = capacity, RetryMaxDelay = TimeSpan.FromMilliseconds(20), DrainTimeout = drainTimeout ?? TimeSpan.FromSeconds(5) }),
            Options.Create(batching ?? new BatcherOptions { MaxBatchSize = 50, MaxBatchDelay = TimeSpan.FromMilliseconds(20) }),
            Options.Create(new JournalOptions { WriteQueueCapacity = writeQueueCapacity }),
            journal,
            _counters,
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger<EventBuffer>.Instance);
}
