using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.Tests.Support;

namespace HaIngestor.Connector.Tests.Backfill;

public sealed class BackfillCheckpointTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("hai-checkpoint");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_AfterTwoSeparateRangesAndAReload_IsTheGapsAroundThem()
    {
        var file = BackfillCheckpoint.FileFor(_folder.Path, "cabin 1");
        var checkpoint = BackfillCheckpoint.Load(file);
        checkpoint.MarkDone(BackfillKind.States, ["sensor.a"], T0.AddHours(1), T0.AddHours(2));
        checkpoint.MarkDone(BackfillKind.States, ["sensor.a"], T0.AddHours(2), T0.AddHours(3));
        checkpoint.MarkDone(BackfillKind.States, ["sensor.a"], T0.AddHours(5), T0.AddHours(6));

        var reloaded = BackfillCheckpoint.Load(file);

        Assert.EndsWith("backfill-cabin_1.json", file, StringComparison.Ordinal);
        Assert.Equal([(T0, T0.AddHours(1)), (T0.AddHours(3), T0.AddHours(5)), (T0.AddHours(6), T0.AddHours(8))], reloaded.Missing(BackfillKind.States, "sensor.a", T0, T0.AddHours(8)));
        Assert.Equal([(T0, T0.AddHours(8))], reloaded.Missing(BackfillKind.Statistics, "sensor.a", T0, T0.AddHours(8)));
        Assert.Empty(reloaded.Missing(BackfillKind.States, "sensor.a", T0.AddHours(1), T0.AddHours(3)));
    }

    [Fact]
    public void Load_UnreadableFile_ThrowsNamingTheFile()
    {
        var file = BackfillCheckpoint.FileFor(_folder.Path, null);
        File.WriteAllText(file, "{ not json");

        var exception = Assert.Throws<InvalidDataException>(() => BackfillCheckpoint.Load(file));

        Assert.Contains(file, exception.Message, StringComparison.Ordinal);
    }
}
