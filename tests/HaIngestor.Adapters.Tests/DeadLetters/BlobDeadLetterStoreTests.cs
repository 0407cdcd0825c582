using System.Text.Json;
using Azure.Storage.Blobs;
using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Core.DeadLetters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.DeadLetters;

public sealed class BlobDeadLetterStoreTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 13, 14, 15, TimeSpan.Zero);

    [Fact]
    public async Task AddAsync_ThenReadAll_ReturnsEveryLetterOldestFirst()
    {
        var container = AzuriteStorage.NewContainer();
        var time = new FakeTimeProvider(Now);
        using var provider = CreateProvider(container, time);
        var store = provider.GetRequiredService<IDeadLetterStore>();

        await store.AddAsync([Letter("a"), Letter("b")], CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await store.AddAsync([Letter("c")], CancellationToken.None);

        var letters = await ReadAllAsync(store);
        Assert.Equal(["a", "b", "c"], letters.Select(l => l.Detail));
        Assert.Equal(Letter("a"), letters[0]);
    }

    [Fact]
    public async Task AddAsync_Always_WritesSnakeCaseJsonLinesUnderHourFolders()
    {
        var container = AzuriteStorage.NewContainer();
        using var provider = CreateProvider(container, new FakeTimeProvider(Now));
        var store = provider.GetRequiredService<IDeadLetterStore>();

        await store.AddAsync([Letter("a"), Letter("b")], CancellationToken.None);

        var client = new BlobContainerClient(AzuriteStorage.ConnectionString, container);
        var blob = Assert.Single(await client.GetBlobsAsync().ToListAsync());
        Assert.StartsWith("2024/05/01/13/20240501T131415000Z-test-instance-", blob.Name, StringComparison.Ordinal);
        var text = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal(
            ["message", "reason", "detail", "source", "failed_at", "first_seen_at", "attempts"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"id":1,"type":"event"}""", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ReadAllAsync_ContainerMissing_ReturnsNothing()
    {
        using var provider = CreateProvider(AzuriteStorage.NewContainer(), TimeProvider.System);

        Assert.Empty(await ReadAllAsync(provider.GetRequiredService<IDeadLetterStore>()));
    }

    [Fact]
    public async Task DeleteSegmentAsync_AfterRead_RemovesOnlyThatSegment()
    {
        var time = new FakeTimeProvider(Now);
        using var provider = CreateProvider(AzuriteStorage.NewContainer(), time);
        var store = provider.GetRequiredService<IReplayableDeadLetterStore>();
        await store.AddAsync([Letter("a")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await store.AddAsync([Letter("b")], CancellationToken.None);
        var first = await store.ReadSegmentsAsync(CancellationToken.None).FirstAsync();

        await store.DeleteSegmentAsync(first.Id, CancellationToken.None);
        await store.DeleteSegmentAsync(first.Id, CancellationToken.None);

        Assert.Equal(["b"], (await ReadAllAsync(store)).Select(l => l.Detail));
    }

    internal static DeadLetter Letter(string detail) =>
        new("""{"id":1,"type":"event"}""", "MalformedJson", detail, "functions", Now, Now.AddMinutes(-1), 2);

    internal static async Task<List<DeadLetter>> ReadAllAsync(IDeadLetterStore store) =>
        await store.ReadAllAsync(CancellationToken.None).ToListAsync();

    private static ServiceProvider CreateProvider(string container, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddDeadLetterStore(o =>
        {
            o.ConnectionString = AzuriteStorage.ConnectionString;
            o.Container = container;
            o.InstanceName = "test-instance";
        });
        return services.BuildServiceProvider();
    }
}
