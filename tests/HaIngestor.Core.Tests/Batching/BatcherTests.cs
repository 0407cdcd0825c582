using System.Threading.Channels;
using HaIngestor.Core.Batching;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Core.Tests.Batching;

public sealed class BatcherTests
{
    // A safety net for awaits that must complete; never a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private Batcher<int> CreateSut(int maxBatchSize = 3, int capacity = 100, double delaySeconds = 5) =>
        new(new BatcherOptions
        {
            MaxBatchSize = maxBatchSize,
            MaxBatchDelay = TimeSpan.FromSeconds(delaySeconds),
        }, capacity, _time);

    private static async Task<IReadOnlyList<int>> NextAsync(IAsyncEnumerator<IReadOnlyList<int>> batches)
    {
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience));
        return batches.Current;
    }

    [Fact]
    public async Task ReadBatchesAsync_SizeReached_EmitsFullBatchWithoutWaiting()
    {
        var sut = CreateSut(maxBatchSize: 3);
        foreach (var i in Enumerable.Range(1, 4))
        {
            await sut.AddAsync(i, CancellationToken.None);
        }

        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();

        Assert.Equal([1, 2, 3], await NextAsync(batches));
        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public async Task ReadBatchesAsync_DelayElapsed_EmitsPartialBatch()
    {
        var sut = CreateSut(maxBatchSize: 10, delaySeconds: 5);
        Assert.True(sut.TryAdd(1));
        Assert.True(sut.TryAdd(2));
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();

        var next = batches.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal([1, 2], batches.Current);
    }

    [Fact]
    public async Task ReadBatchesAsync_ItemsArriveDuringDelay_DelayCountsFromFirstItem()
    {
        var sut = CreateSut(maxBatchSize: 10, delaySeconds: 5);
        Assert.True(sut.TryAdd(1));

        // The reader takes the first item and arms its timer before MoveNextAsync returns, so advancing the fake
        // clock from here on cannot race with it.
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();
        var first = batches.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(first.IsCompleted);
        Assert.True(sut.TryAdd(2));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await first.WaitAsync(Patience));
        Assert.Equal([1, 2], batches.Current);

        // The next batch has its own clock, started by its own first item.
        Assert.True(sut.TryAdd(3));
        var second = batches.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await second.WaitAsync(Patience));
        Assert.Equal([3], batches.Current);
    }

    [Fact]
    public async Task ReadBatchesAsync_FirstItemWaitedWhileReaderBusy_EmitsWhenItsDelayEnds()
    {
        var sut = CreateSut(maxBatchSize: 10, delaySeconds: 5);
        Assert.True(sut.TryAdd(1));
        _time.Advance(TimeSpan.FromSeconds(4));
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();

        var next = batches.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal([1], batches.Current);
    }

    [Fact]
    public async Task TryAdd_Full_ReturnsFalse()
    {
        var sut = CreateSut(maxBatchSize: 2, capacity: 2);

        Assert.True(sut.TryAdd(1));
        Assert.True(sut.TryAdd(2));
        Assert.False(sut.TryAdd(3));

        sut.Complete();
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([1, 2], await NextAsync(batches));
        Assert.False(await batches.MoveNextAsync());
    }

    [Fact]
    public async Task AddAsync_Full_WaitsUntilReaderMakesRoom()
    {
        var sut = CreateSut(maxBatchSize: 2, capacity: 2);
        Assert.True(sut.TryAdd(1));
        Assert.True(sut.TryAdd(2));

        var blocked = sut.AddAsync(3, CancellationToken.None).AsTask();
        Assert.False(blocked.IsCompleted);

        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([1, 2], await NextAsync(batches));
        await blocked.WaitAsync(Patience);

        sut.Complete();
        Assert.Equal([3], await NextAsync(batches));
    }

    [Fact]
    public async Task AddAsync_FullAndCancelled_ThrowsAndDoesNotAdd()
    {
        var sut = CreateSut(maxBatchSize: 5, capacity: 1);
        Assert.True(sut.TryAdd(1));
        using var cts = new CancellationTokenSource();

        var blocked = sut.AddAsync(2, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(Patience));
        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public async Task Complete_PartialBatchLeft_DrainsTailWithoutWaiting()
    {
        var sut = CreateSut(maxBatchSize: 2);
        foreach (var i in Enumerable.Range(1, 5))
        {
            await sut.AddAsync(i, CancellationToken.None);
        }

        sut.Complete();

        var batches = new List<IReadOnlyList<int>>();
        await foreach (var batch in sut.ReadBatchesAsync(CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            batches.Add(batch);
        }

        Assert.Equal([[1, 2], [3, 4], [5]], batches);
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task Complete_ReaderWaitingOnDelay_EmitsPartialBatchAndEnds()
    {
        var sut = CreateSut(maxBatchSize: 10);
        Assert.True(sut.TryAdd(1));
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();
        var next = batches.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        sut.Complete();

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal([1], batches.Current);
        Assert.False(await batches.MoveNextAsync().AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task AddAsync_AfterComplete_Throws()
    {
        var sut = CreateSut();
        sut.Complete();

        Assert.False(sut.TryAdd(1));
        await Assert.ThrowsAsync<ChannelClosedException>(() => sut.AddAsync(1, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadBatchesAsync_ManyItems_KeepsOrder()
    {
        var sut = CreateSut(maxBatchSize: 7, capacity: 10);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await sut.AddAsync(i, CancellationToken.None);
            }

            sut.Complete();
        });

        var received = new List<int>();
        await foreach (var batch in sut.ReadBatchesAsync(CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            Assert.InRange(batch.Count, 1, 7);
            received.AddRange(batch);
        }

        await writer.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 1000), received);
    }

    [Fact]
    public async Task ReadBatchesAsync_ConcurrentWriters_DeliversEveryItemInEachWritersOrder()
    {
        var sut = CreateSut(maxBatchSize: 16, capacity: 8);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await sut.AddAsync((w * 1000) + i, CancellationToken.None);
            }
        })).ToArray();
        var completer = Task.WhenAll(writers).ContinueWith(_ => sut.Complete(), TaskScheduler.Default);

        var received = new List<int>();
        await foreach (var batch in sut.ReadBatchesAsync(CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            received.AddRange(batch);
        }

        await completer.WaitAsync(Patience);
        Assert.Equal(1000, received.Count);
        for (var w = 0; w < 4; w++)
        {
            Assert.Equal(Enumerable.Range(w * 1000, 250), received.Where(x => x / 1000 == w));
        }
    }

    [Fact]
    public async Task ReadBatchesAsync_Cancelled_ThrowsAndKeepsItemsForNextReader()
    {
        var sut = CreateSut(maxBatchSize: 10);
        Assert.True(sut.TryAdd(1));
        Assert.True(sut.TryAdd(2));
        using var cts = new CancellationTokenSource();
        var cancelled = sut.ReadBatchesAsync(cts.Token).GetAsyncEnumerator();
        var next = cancelled.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        await cancelled.DisposeAsync();
        Assert.Equal(2, sut.Count);

        sut.Complete();
        await using var batches = sut.ReadBatchesAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([1, 2], await NextAsync(batches));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut(maxBatchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut(capacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut(delaySeconds: 0));
    }
}
