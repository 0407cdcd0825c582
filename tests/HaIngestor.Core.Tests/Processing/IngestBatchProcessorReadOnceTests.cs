using System.Diagnostics.Metrics;
using System.Text;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using HaIngestor.Core.Tests.Quality;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Core.Tests.Processing;

/// <summary>What the batch processor records besides the lines (lag, dead letters, their quality counts) comes from the pipeline's one read.</summary>
public sealed class IngestBatchProcessorReadOnceTests : IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(QualityHarness.Start);

    [Fact]
    public async Task ProcessAsync_EventsWithTimeFired_LagMeasuredFromEachEventsTimeFired()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var lag = new MetricCollector<double>(factory, IngestorMetrics.MeterName, "haingestor.event.lag");
        var sink = new RecordingSink();
        var processor = CreateSut(sink, new RecordingDeadLetters(), factory);
        ReadOnlyMemory<byte>[] batch =
        [
            Message("sensor.a", "1", _time.GetUtcNow().AddSeconds(-2)),
            Encoding.UTF8.GetBytes("{not json"),
            Message("sensor.b", "2", _time.GetUtcNow().AddSeconds(-5)),
        ];

        await processor.ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);

        Assert.Equal([2000d, 5000d], lag.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(2, sink.Lines);
    }

    [Fact]
    public async Task ProcessAsync_RejectedEventWithReadableTime_LagStillMeasured()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var lag = new MetricCollector<double>(factory, IngestorMetrics.MeterName, "haingestor.event.lag");
        var letters = new RecordingDeadLetters();
        var processor = CreateSut(new RecordingSink(), letters, factory);
        var badEntity = Message("not an entity", "1", _time.GetUtcNow().AddSeconds(-3));

        await processor.ProcessAsync([badEntity], new BatchContext("test"), CancellationToken.None);

        Assert.Equal([3000d], lag.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal("MalformedEntityId", Assert.Single(letters.Letters).Reason);
    }

    [Fact]
    public async Task ProcessAsync_SinkRejectsOneLine_DeadLetterIsThatMessageAndQualityCountsItsHomeAndDomain()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var tracker = new QualityTracker(new QualityOptions(), _time, _metrics.GetRequiredService<IMeterFactory>());
        var letters = new RecordingDeadLetters();
        var sink = new RecordingSink { Reject = [1] };
        var processor = CreateSut(sink, letters, factory, tracker);
        var rejected = Message("light.kitchen", "on", _time.GetUtcNow(), home: "Cabin");
        ReadOnlyMemory<byte>[] batch = [Message("sensor.a", "1", _time.GetUtcNow()), rejected, Message("sensor.b", "2", _time.GetUtcNow())];

        var outcome = await processor.ProcessAsync(batch, new BatchContext("test") { Attempt = 2 }, CancellationToken.None);

        Assert.Equal((3, 2, 1), (outcome.Received, outcome.WrittenEvents, outcome.SinkRejected));
        var letter = Assert.Single(letters.Letters);
        Assert.Equal((Encoding.UTF8.GetString(rejected.Span), DeadLetterReasons.SinkRejected, "bad line", "test", 2), (letter.Message, letter.Reason, letter.Detail, letter.Source, letter.Attempts));
        var counts = tracker.Counts().ToDictionary(c => (c.Home, c.Domain));
        Assert.Equal(1L, counts[("Cabin", "light")].DeadLettered);
        Assert.Equal(0L, counts[("Main", "sensor")].DeadLettered);
    }

    [Fact]
    public async Task ProcessAsync_MalformedMessage_DeadLetteredAndCountedUnderUnknownDomain()
    {
        using var tracker = new QualityTracker(new QualityOptions(), _time, _metrics.GetRequiredService<IMeterFactory>());
        var letters = new RecordingDeadLetters();
        var processor = CreateSut(new RecordingSink(), letters, _metrics.GetRequiredService<IMeterFactory>(), tracker);

        await processor.ProcessAsync([Encoding.UTF8.GetBytes("{\"type\":\"event\",")], new BatchContext("test"), CancellationToken.None);

        Assert.Equal("MalformedJson", Assert.Single(letters.Letters).Reason);
        Assert.Equal(1L, Assert.Single(tracker.Counts(), c => c.Domain == "unknown").DeadLettered);
    }

    [Fact]
    public async Task ProcessAsync_LettersOfSeveralReasons_QualityEventsCountDeadLetteredPerReason()
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        using var tracker = new QualityTracker(new QualityOptions(), _time, factory);
        using var events = new MetricCollector<long>(factory, "HaIngestor", "haingestor.quality.events");
        var sink = new RecordingSink { Reject = [1] };
        var processor = CreateSut(sink, new RecordingDeadLetters(), factory, tracker);
        ReadOnlyMemory<byte>[] batch =
        [
            Message("sensor.a", "1", _time.GetUtcNow()),
            Message("sensor.b", "2", _time.GetUtcNow()),
            Encoding.UTF8.GetBytes("{\"type\":\"event\","),
        ];

        await processor.ProcessAsync(batch, new BatchContext("test"), CancellationToken.None);

        events.RecordObservableInstruments();
        var deadLettered = events.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags["outcome"] == "dead_lettered")
            .Select(m => ((string?)m.Tags["domain"], (string?)m.Tags["reason"], m.Value))
            .ToList();
        Assert.Equal(
            [("sensor", DeadLetterReasons.SinkRejected, 1L), ("unknown", "MalformedJson", 1L)],
            deadLettered.Order());
        Assert.Equal(1L, tracker.Counts().Single(c => c.Domain == "sensor").DeadLetteredByReason[DeadLetterReasons.SinkRejected]);
    }

    public void Dispose() => _metrics.Dispose();

    private static ReadOnlyMemory<byte> Message(string entityId, string state, DateTimeOffset at, string home = "Main") =>
        Encoding.UTF8.GetBytes(QualityHarness.Message(entityId, state, at, home: home));

    private IngestBatchProcessor CreateSut(ILineProtocolSink sink, IDeadLetterStore letters, IMeterFactory factory, QualityTracker? quality = null) =>
        new(
            new EventPipeline(new PipelineOptions(), quality),
            sink,
            letters,
            new IngestorMetrics(factory, _time),
            _time,
            NullLogger<IngestBatchProcessor>.Instance);

    private sealed class RecordingSink : ILineProtocolSink
    {
        public int[] Reject { get; init; } = [];

        public int Lines { get; private set; }

        public string Name => "recording";

        public Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
        {
            Lines += lineCount;
            return Task.FromResult(Reject.Length == 0 ? SinkWriteResult.Success : new SinkWriteResult(Reject, "bad line"));
        }
    }

    private sealed class RecordingDeadLetters : IDeadLetterStore
    {
        public List<DeadLetter> Letters { get; } = [];

        public Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken)
        {
            Letters.AddRange(letters);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<DeadLetter> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            foreach (var letter in Letters)
            {
                yield return letter;
            }
        }
    }
}
