using System.Text;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using HaIngestor.TestUtilities;

namespace HaIngestor.Core.Tests.Processing;

public sealed class IngestBatchProcessorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hai-dl-{Guid.NewGuid():N}");

    [Fact]
    public async Task ProcessAsync_ValidBatch_WrittenAndReadBack()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_valid");
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder));

        var outcome = await host.Processor.ProcessAsync(EventMessages.Sensors(5), new BatchContext("test"), CancellationToken.None);

        Assert.Equal(new BatchOutcome(5, 5, 5, 0, 0, 0, 0, [], null), outcome with { Unwritten = [] });
        var rows = (await database.QueryAsync("SELECT value, entity_id FROM home_assistant_events")).Single().Rows();
        Assert.Equal(5, rows.Count);
        Assert.Contains(rows, r => r["entity_id"].GetString() == "sensor.s3" && r["value"].GetDouble() == 23.5);
    }

    [Fact]
    public async Task ProcessAsync_SameBatchTwice_LeavesIdenticalData()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_twice");
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(20);

        await host.Processor.ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);
        var first = await ReadAllAsync(database);
        await host.Processor.ProcessAsync(batch, new BatchContext("test") { Attempt = 2 }, CancellationToken.None);
        var second = await ReadAllAsync(database);

        Assert.Equal(20, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ProcessAsync_InvalidEvent_DeadLettersItWithReasonAndWritesTheRest()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_invalid");
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(3);
        batch.Insert(1, EventMessages.Malformed());

        var outcome = await host.Processor.ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);

        Assert.Equal((4, 3, 1, 1), (outcome.Received, outcome.WrittenEvents, outcome.Rejected, outcome.DeadLettered));
        var letter = Assert.Single(await ReadLettersAsync(host.Store));
        Assert.Equal("MalformedJson", letter.Reason);
        Assert.Equal(Encoding.UTF8.GetString(EventMessages.Malformed().Span), letter.Message);
        Assert.Equal("test", letter.Source);
    }

    [Fact]
    public async Task ProcessAsync_FieldTypeConflict_DeadLettersOnlyThatEvent()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_conflict");
        var shardTime = EventMessages.BaseTime.ToUnixTimeMilliseconds();
        Assert.Equal(204, (int)(await database.WriteAsync($"home_assistant_events,entity_id=sensor.other attr_temperature=\"hot\" {shardTime}")).StatusCode);
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(6);
        var conflicting = EventMessages.StateChanged("climate.hall", "heat", 30, """{"temperature":21.5}""");
        batch.Insert(4, conflicting);

        var outcome = await host.Processor.ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);

        Assert.Equal((7, 6, 1, 1), (outcome.Received, outcome.WrittenEvents, outcome.SinkRejected, outcome.DeadLettered));
        var letter = Assert.Single(await ReadLettersAsync(host.Store));
        Assert.Equal(DeadLetterReasons.SinkRejected, letter.Reason);
        Assert.Contains("field type conflict", letter.Detail, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(conflicting.Span), letter.Message);
        Assert.Equal(6, (await database.QueryAsync("SELECT value FROM home_assistant_events WHERE entity_id =~ /^sensor.s/")).Single().Rows().Count);
    }

    [Fact]
    public async Task ProcessAsync_SinkDownOnFinalAttempt_DeadLettersTheBatchAndReplayWritesIt()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_replay");
        var container = $"dl-{Guid.NewGuid():N}";
        var batch = EventMessages.Sensors(8);
        batch.Add(EventMessages.Malformed());

        using (var down = new ProcessingHost(ProcessingHost.Down(), ProcessingHost.Azurite(container)))
        {
            var outcome = await down.Processor.ProcessAsync(batch, new BatchContext("functions") { IsFinalAttempt = true, Attempt = 3 }, CancellationToken.None);

            Assert.Equal((9, 0, 9), (outcome.Received, outcome.WrittenEvents, outcome.DeadLettered));
            Assert.NotNull(outcome.SinkFailure);
            var letters = await ReadLettersAsync(down.Store);
            Assert.Equal(8, letters.Count(l => l.Reason == DeadLetterReasons.SinkUnavailable));
            Assert.All(letters, l => Assert.Equal(3, l.Attempts));
        }

        using var up = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Azurite(container));
        var replay = await up.Replayer.ReplayAsync("replay", CancellationToken.None);

        Assert.Equal((1, 9, 8, 1, null), (replay.Segments, replay.Letters, replay.WrittenEvents, replay.DeadLetteredAgain, replay.StoppedBy));
        Assert.Equal(8, (await database.QueryAsync("SELECT value FROM home_assistant_events")).Single().Rows().Count);
        var left = await ReadLettersAsync(up.Store);
        var again = Assert.Single(left);
        Assert.Equal("MalformedJson", again.Reason);
        Assert.Equal("replay", again.Source);
    }

    [Fact]
    public async Task ReplayAsync_SinkStillDown_StopsAndKeepsEveryLetter()
    {
        using var host = new ProcessingHost(ProcessingHost.Down(), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(4);
        batch.Add(EventMessages.Malformed());
        await host.Processor.ProcessAsync(batch, new BatchContext("functions") { IsFinalAttempt = true }, CancellationToken.None);

        var replay = await host.Replayer.ReplayAsync("replay", CancellationToken.None);

        Assert.Equal(0, replay.Segments);
        Assert.Contains("unreachable", replay.StoppedBy, StringComparison.Ordinal);
        var letters = await ReadLettersAsync(host.Store);
        Assert.Equal(5, letters.Count);
        Assert.All(letters, l => Assert.Equal("functions", l.Source));
    }

    [Fact]
    public async Task ProcessAsync_SinkDownBeforeFinalAttempt_ThrowsAndDeadLettersNothing()
    {
        using var host = new ProcessingHost(ProcessingHost.Down(), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(3);
        batch.Add(EventMessages.Malformed());

        await Assert.ThrowsAsync<SinkUnavailableException>(
            () => host.Processor.ProcessAsync(batch, new BatchContext("functions"), CancellationToken.None));

        Assert.Empty(await ReadLettersAsync(host.Store));
    }

    [Fact]
    public async Task ProcessAsync_SinkDownReturningUnwritten_ListsThemAndDeadLettersOnlyTheInvalid()
    {
        using var host = new ProcessingHost(ProcessingHost.Down(), ProcessingHost.Folder(_folder));
        var batch = EventMessages.Sensors(3);
        batch.Add(EventMessages.Malformed());

        var outcome = await host.Processor.ProcessAsync(batch, new BatchContext("connector") { ReturnUnwrittenOnSinkFailure = true }, CancellationToken.None);

        Assert.Equal(3, outcome.Unwritten.Count);
        Assert.True(outcome.Unwritten[2].Span.SequenceEqual(batch[2].Span));
        Assert.Equal("MalformedJson", Assert.Single(await ReadLettersAsync(host.Store)).Reason);
    }

    [Fact]
    public async Task ProcessAsync_DeadLetterStoreFailsOnFinalAttempt_Propagates()
    {
        var blocker = Path.Combine(_folder, "a-file");
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(blocker, "not a folder");
        using var host = new ProcessingHost(ProcessingHost.Down(), ProcessingHost.Folder(Path.Combine(blocker, "letters")));

        await Assert.ThrowsAnyAsync<IOException>(
            () => host.Processor.ProcessAsync(EventMessages.Sensors(2), new BatchContext("functions") { IsFinalAttempt = true }, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_Traced_BatchSpanCarriesTheHaContextId()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_trace");
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder));
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == HaIngestor.Core.Telemetry.IngestorMetrics.MeterName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var source = $"trace-{Guid.NewGuid():N}";

        await host.Processor.ProcessAsync(EventMessages.Sensors(3, firstSecond: 7), new BatchContext(source), CancellationToken.None);

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("haingestor.source"), source));
        Assert.Equal("01HX0000000000000000000007", span.GetTagItem(HaIngestor.Core.Telemetry.IngestorActivity.ContextIdTag));
        Assert.Equal(3, span.GetTagItem("haingestor.written_events"));
    }

    [Fact]
    public async Task ProcessAsync_WeatherProviderThrows_BatchStillWritten()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_weather");
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder), new ThrowingWeather());

        var outcome = await host.Processor.ProcessAsync(EventMessages.Sensors(2), new BatchContext("test"), CancellationToken.None);

        Assert.Equal(2, outcome.WrittenEvents);
    }

    [Fact]
    public async Task ProcessAsync_WeatherKnown_AddsWeatherToEveryPoint()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("proc_weather_ok");
        var weather = new FixedWeather(new WeatherSnapshot("berlin", "rain", 12.5, 80, 1012, 3.5, 90, EventMessages.BaseTime));
        using var host = new ProcessingHost(ProcessingHost.V1(database), ProcessingHost.Folder(_folder), weather);

        await host.Processor.ProcessAsync(EventMessages.Sensors(2), new BatchContext("test"), CancellationToken.None);

        var rows = (await database.QueryAsync("SELECT temperature, weather_condition FROM home_assistant_events")).Single().Rows();
        Assert.All(rows, r => Assert.Equal(12.5, r["temperature"].GetDouble()));
        Assert.All(rows, r => Assert.Equal("rain", r["weather_condition"].GetString()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    internal static async Task<List<DeadLetter>> ReadLettersAsync(IDeadLetterStore store)
    {
        var letters = new List<DeadLetter>();
        await foreach (var letter in store.ReadAllAsync(CancellationToken.None))
        {
            letters.Add(letter);
        }

        return letters;
    }

    private static async Task<List<string>> ReadAllAsync(InfluxDbTestDatabase database)
    {
        var series = await database.QueryAsync("SELECT * FROM home_assistant_events");
        return series.Single().Values.Select(row => string.Join("|", row.Select(v => v.ToString()))).ToList();
    }

    private sealed class ThrowingWeather : IWeatherProvider
    {
        public ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("weather down");
    }

    private sealed class FixedWeather(WeatherSnapshot snapshot) : IWeatherProvider
    {
        public ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<WeatherSnapshot?>(snapshot);
    }
}
