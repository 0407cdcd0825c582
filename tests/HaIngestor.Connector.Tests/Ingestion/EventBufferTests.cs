using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Batching;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

        // No consumer yet: the buffer fills at once and the rest goes to the journal.
        Accept(buffer, 5000, ref sequence);
        Assert.True(buffer.Spilling);
        Assert.Equal(5000, journal.PendingRecords);

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

    private EventBuffer CreateSut(EventJournal journal, int capacity) =>
        new(
            Options.Create(new ConnectorOptions { BufferCapacity = capacity, RetryMaxDelay = TimeSpan.FromMilliseconds(20), DrainTimeout = TimeSpan.FromSeconds(5) }),
            Options.Create(new BatcherOptions { MaxBatchSize = 50, MaxBatchDelay = TimeSpan.FromMilliseconds(20) }),
            journal,
            _counters,
            TimeProvider.System,
            NullLogger<EventBuffer>.Instance);
}
