using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.Commands;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Transports;
using HaIngestor.Connector.Transports.EventHubs;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Sinks;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Processing;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace HaIngestor.Functions.Tests.Processing;

/// <summary>
/// Long-term statistics from <c>connector backfill --statistics</c>: the same rows through the connector's direct
/// mode and through its Event Hubs transport into the functions give the same line protocol, byte for byte.
/// </summary>
public sealed class EventBatchHandlerStatisticsTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hai-fn-statistics-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task HandleAsync_StatisticsPublishedByTheConnector_SameLineProtocolAsDirectMode()
    {
        var events = BackfillEvents.Statistics(Rows(), "main", Day);

        var direct = await DirectModeLinesAsync(events);
        var bodies = await PublishAsync(events);
        var sink = new RecordingSink();
        await using var host = FunctionsTestHost.Create(
            FunctionsTestHost.Settings($"http://127.0.0.1:{FreePort.Get()}", "unused"),
            configure: services => services.AddSingleton<ILineProtocolSink>(sink));
        var outcome = await host.Get<EventBatchHandler>().HandleAsync(bodies, retry: null, CancellationToken.None);

        Assert.Equal((events.Count, events.Count, 0), (outcome.Received, outcome.WrittenEvents, outcome.DeadLettered));
        Assert.Equal(events.Count, direct.Count);
        Assert.StartsWith("home_assistant_statistics,entity_id=", direct[0], StringComparison.Ordinal);
        // Event Hubs delivers per partition, so the order differs; each line is the same bytes.
        Assert.Equal(direct.Order(StringComparer.Ordinal), sink.Lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StatisticRecords_WrittenToInfluxDbAndAMalformedOneDeadLetteredWithItsReason()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("fn_statistics");
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(database.BaseUrl.ToString(), database.Name));
        var bodies = await PublishAsync(BackfillEvents.Statistics(Rows(), "main", Day));
        var malformed = bodies[0].Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);

        await host.Get<ProcessEventsFunction>().RunAsync([.. bodies, malformed], new TestFunctionContext(host.Services, retryCount: 0));

        var series = await database.QueryAsync("SELECT count(*) FROM home_assistant_statistics GROUP BY entity_id");
        Assert.Equal(
            new Dictionary<string, long> { ["sensor.house_energy"] = 24, ["sensor.kitchen_temperature"] = 24, ["sensor.outdoor_humidity"] = 24 },
            series.ToDictionary(s => s.Tags["entity_id"], s => s.Values[0].Skip(1).Max(v => v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt64() : 0), StringComparer.Ordinal));
        var energy = (await database.QueryAsync("SELECT statistic_state, \"sum\", change, home FROM home_assistant_statistics WHERE entity_id = 'sensor.house_energy' AND time = '2026-11-20T05:00:00Z'")).Single().Rows().Single();
        var written = Rows().Single(r => r.StatisticId == "sensor.house_energy" && r.Start == Day.AddHours(5));
        Assert.Equal((written.State, written.Sum, written.Change, "main"), (energy["statistic_state"].GetDouble(), energy["sum"].GetDouble(), energy["change"].GetDouble(), energy["home"].GetString()));
        var letter = Assert.Single(await ReadLettersAsync(host));
        Assert.Equal(nameof(RejectReason.UnsupportedVersion), letter.Reason);
        Assert.Equal(malformed, letter.Message);
    }

    /// <summary>A day of three statistics: a measurement (mean/min/max), a meter (state/sum/change), and one with every type.</summary>
    private static List<StatisticPoint> Rows()
    {
        var rows = new List<StatisticPoint>();
        for (var hour = 0; hour < 24; hour++)
        {
            var start = Day.AddHours(hour);
            rows.Add(new StatisticPoint("sensor.kitchen_temperature", start, 21 + hour / 7d, 20.5 + hour / 10d, 22.25 + hour / 3d, null, null, null));
            rows.Add(new StatisticPoint("sensor.house_energy", start, null, null, null, 1000 + (hour + 1) * 1.1, (hour + 1) * 1.1, 1.1));
            rows.Add(new StatisticPoint("sensor.outdoor_humidity", start, 60.123456789, 1e-9, 99.999999, 61, -0.5, 0.1 + 0.2));
        }

        return rows;
    }

    /// <summary>What the connector's direct mode writes for the events: its own transport and pipeline, lines to files.</summary>
    private async Task<List<string>> DirectModeLinesAsync(List<ReceivedEvent> events)
    {
        var builder = CommandHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Connector:Transport"] = "Direct",
            ["Direct:Sink"] = "Files",
            ["Direct:DataPath"] = _folder,
        });
        builder.AddBackfill();
        using (var host = builder.Build())
        {
            await host.Services.GetRequiredService<IEventTransport>().SendAsync(events, CancellationToken.None);
        }

        return [.. Directory.GetFiles(Path.Combine(_folder, "lines"), "*.lp")
            .SelectMany(File.ReadAllLines)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    /// <summary>The Event Hubs bodies the connector's transport sends for the events, as the trigger receives them.</summary>
    private static async Task<string[]> PublishAsync(List<ReceivedEvent> events)
    {
        var producer = new CapturingProducer();
        var transport = new EventHubsTransport(producer, ResiliencePipeline.Empty, new ConnectorCounters(), NullLogger<EventHubsTransport>.Instance);
        await transport.SendAsync(events, CancellationToken.None);
        return [.. producer.Sent.Select(e => Encoding.UTF8.GetString(e.EventBody.ToMemory().Span))];
    }

    private static async Task<List<DeadLetter>> ReadLettersAsync(FunctionsTestHost host)
    {
        var letters = new List<DeadLetter>();
        await foreach (var letter in host.Get<IDeadLetterStore>().ReadAllAsync(CancellationToken.None))
        {
            letters.Add(letter);
        }

        return letters;
    }

    /// <summary>A hub of four partitions on the SDK's test seams: batches from <see cref="EventHubsModelFactory"/>, sends recorded.</summary>
    private sealed class CapturingProducer : EventHubProducerClient
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<EventDataBatch, List<EventData>> _stores = [];

        public List<EventData> Sent { get; } = [];

        public override Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default) => Task.FromResult<string[]>(["0", "1", "2", "3"]);

        public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
        {
            var store = new List<EventData>();
            var batch = EventHubsModelFactory.EventDataBatch(1024 * 1024, store, options, _ => true);
            lock (_gate)
            {
                _stores[batch] = store;
            }

            return ValueTask.FromResult(batch);
        }

        public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Sent.AddRange(_stores[eventBatch]);
            }

            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Records the lines it is given, one string per line.</summary>
    private sealed class RecordingSink : ILineProtocolSink
    {
        private readonly Lock _gate = new();

        public List<string> Lines { get; } = [];

        public string Name => "recording";

        public Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Lines.AddRange(Encoding.UTF8.GetString(lines.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            return Task.FromResult(SinkWriteResult.Success);
        }
    }
}
