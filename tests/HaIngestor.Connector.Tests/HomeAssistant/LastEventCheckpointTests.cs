using HaIngestor.Connector.HomeAssistant;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaIngestor.Connector.Tests.HomeAssistant;

public sealed class LastEventCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ha-ingestor-checkpoint-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Load_AfterSave_ReturnsSavedTimeForThatHomeOnly()
    {
        var time = new DateTimeOffset(2026, 11, 28, 9, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4560);
        new LastEventCheckpoint(_folder, "main house", NullLogger.Instance).Save(time);

        Assert.Equal(time, new LastEventCheckpoint(_folder, "main house", NullLogger.Instance).Load());
        Assert.Null(new LastEventCheckpoint(_folder, "cabin", NullLogger.Instance).Load());
    }

    [Fact]
    public void Load_CorruptFile_ReturnsNull()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "last-event-default.txt"), "not a time");

        Assert.Null(new LastEventCheckpoint(_folder, null, NullLogger.Instance).Load());
    }

    [Fact]
    public void SaveAndLoad_NoFolder_DisabledAndNothingWritten()
    {
        var sut = new LastEventCheckpoint(null, null, NullLogger.Instance);

        sut.Save(DateTimeOffset.UnixEpoch);

        Assert.False(sut.IsEnabled);
        Assert.Null(sut.Load());
    }
}
