using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Core.DeadLetters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.DeadLetters;

public sealed class FileDeadLetterStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hai-dl-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 13, 14, 15, TimeSpan.Zero));

    [Fact]
    public async Task AddAsync_ThenReadAll_ReturnsEveryLetterOldestFirst()
    {
        using var provider = CreateProvider();
        var store = provider.GetRequiredService<IDeadLetterStore>();

        await store.AddAsync([BlobDeadLetterStoreTests.Letter("a"), BlobDeadLetterStoreTests.Letter("b")], CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await store.AddAsync([BlobDeadLetterStoreTests.Letter("c")], CancellationToken.None);

        var letters = await BlobDeadLetterStoreTests.ReadAllAsync(store);
        Assert.Equal(["a", "b", "c"], letters.Select(l => l.Detail));
        Assert.Equal(BlobDeadLetterStoreTests.Letter("a"), letters[0]);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task ReadAllAsync_FolderMissing_ReturnsNothing()
    {
        using var provider = CreateProvider();

        Assert.Empty(await BlobDeadLetterStoreTests.ReadAllAsync(provider.GetRequiredService<IDeadLetterStore>()));
    }

    [Fact]
    public async Task DeleteSegmentAsync_AfterRead_RemovesThatFile()
    {
        using var provider = CreateProvider();
        var store = provider.GetRequiredService<IReplayableDeadLetterStore>();
        await store.AddAsync([BlobDeadLetterStoreTests.Letter("a")], CancellationToken.None);
        var segment = await store.ReadSegmentsAsync(CancellationToken.None).SingleAsync();

        await store.DeleteSegmentAsync(segment.Id, CancellationToken.None);

        Assert.Empty(await BlobDeadLetterStoreTests.ReadAllAsync(store));
    }

    [Fact]
    public async Task DeleteSegmentAsync_PathOutsideTheFolder_Throws()
    {
        using var provider = CreateProvider();
        var store = provider.GetRequiredService<IReplayableDeadLetterStore>();

        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteSegmentAsync("../other.jsonl", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAllAsync_CorruptLine_FailsNamingTheFileAndLine()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "20240501T000000000Z-x-1.jsonl"), "not json\n");
        using var provider = CreateProvider();

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => BlobDeadLetterStoreTests.ReadAllAsync(provider.GetRequiredService<IDeadLetterStore>()));

        Assert.Contains("20240501T000000000Z-x-1.jsonl line 1", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ServiceProvider CreateProvider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddFileDeadLetterStore(_folder);
        return services.BuildServiceProvider();
    }
}
