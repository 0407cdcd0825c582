using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using HaIngestor.Core.Parsing;
using HaIngestor.Functions.Hosting;
using HaIngestor.Functions.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Bench;

/// <summary>
/// The CPU the functions spend per batch: <see cref="EventBatchHandler.HandleAsync"/> exactly as ProcessEvents calls
/// it, in the container <c>AddHaIngestorFunctions</c> builds (parse, validate, normalize, enrich from a warm
/// OpenWeatherMap cache, map, serialize, gzip, InfluxDB v2 client with its resilience handlers), on batches of
/// connector envelopes like the trigger delivers. Only the network is replaced: an in-memory handler reads every
/// request body (so gzip runs) and answers 204. docs/COST.md turns the figures into GB-s.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private IHost? _host;
    private EventBatchHandler? _handler;
    private string[] _batch = [];

    /// <summary>Events per delivery: a home's 30-second window, the old default maximum, the new maximum.</summary>
    [Params(35, 100, 500)]
    public int BatchSize { get; set; }

    /// <summary>Bytes the in-memory InfluxDB received (gzipped), for the sanity check of a run.</summary>
    public long BytesWritten => CapturingHandler.BytesReceived;

    /// <summary>The last request body InfluxDB received, as sent (gzipped).</summary>
    public static byte[] LastInfluxBody => CapturingHandler.LastInfluxBody;

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = "http://influxdb.bench",
            ["InfluxDb:Token"] = "bench-token",
            ["InfluxDb:Org"] = "home",
            ["InfluxDb:Bucket"] = "home_assistant",
            ["DeadLetters:Folder"] = Path.Combine(Path.GetTempPath(), "ha-ingestor-bench-dead-letters"),
            ["Weather:Provider"] = "OpenWeatherMap",
            ["Weather:ApiKey"] = "bench-key",
            ["Weather:City"] = "Berlin",
            ["Weather:BaseUrl"] = "http://weather.bench",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHaIngestorFunctions();
        // The InfluxDB client's name (InfluxDbEndpoints.HttpClientName). Registered last, so these primary handlers win over the ones the adapters configure; the handlers above
        // them (resilience, logging) stay as deployed. The typed weather client is named after its type.
        foreach (var client in new[] { "HaIngestor.InfluxDb", "OpenWeatherMapClient" })
        {
            builder.Services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(() => new CapturingHandler());
        }
        _host = builder.Build();
        _handler = _host.Services.GetRequiredService<EventBatchHandler>();
        _batch = Batch(BatchSize);

        // Warm: the weather cache holds the current conditions, the JIT has compiled the path.
        Handle().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    /// <summary>One delivery, as ProcessEvents hands it over; the outcome lets a test check what was measured.</summary>
    [Benchmark]
    public Task<HaIngestor.Core.Processing.BatchOutcome> Handle() => _handler!.HandleAsync(_batch, retry: null, CancellationToken.None);

    /// <summary>A delivery of <paramref name="size"/> connector envelopes over many entities of the three kinds.</summary>
    internal static string[] Batch(int size)
    {
        var batch = new string[size];
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < size; i++)
        {
            var frame = Encoding.UTF8.GetString(Frames.All[i % Frames.All.Length]);
            // A distinct entity and time per event, as a home of ~80 entities produces them.
            var entity = $"_{i % 80:D2}";
            var time = start.AddMilliseconds(i * 850).ToString("yyyy-MM-ddTHH:mm:ss.ffffff+00:00", System.Globalization.CultureInfo.InvariantCulture);
            frame = frame
                .Replace("living_room_temperature", "living_room_temperature" + entity, StringComparison.Ordinal)
                .Replace("kitchen_ceiling", "kitchen_ceiling" + entity, StringComparison.Ordinal)
                .Replace("climate.hallway", "climate.hallway" + entity, StringComparison.Ordinal)
                .Replace("2024-05-01T12:00:00.123456+00:00", time, StringComparison.Ordinal)
                .Replace("2024-05-01T12:00:00.223456+00:00", time, StringComparison.Ordinal)
                .Replace("2024-05-01T12:00:00.323456+00:00", time, StringComparison.Ordinal);
            var envelope = IngestEnvelope.Wrap(Encoding.UTF8.GetBytes(frame), new IngestMetadata("home", null, null, CatchUp: false));
            batch[i] = Encoding.UTF8.GetString(envelope);
        }

        return batch;
    }

    /// <summary>InfluxDB and OpenWeatherMap without a network: reads each body, answers as the service would.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        private const string Weather = """
            {"coord":{"lon":13.41,"lat":52.52},"weather":[{"id":803,"main":"Clouds","description":"broken clouds","icon":"04d"}],"main":{"temp":4.2,"feels_like":1.1,"temp_min":3.3,"temp_max":5.0,"pressure":1012,"humidity":81},"visibility":10000,"wind":{"speed":4.1,"deg":250},"clouds":{"all":75},"dt":1796212800,"sys":{"country":"DE","sunrise":1796195000,"sunset":1796224000},"timezone":3600,"id":2950159,"name":"Berlin","cod":200}
            """;

        public static long BytesReceived { get; private set; }

        public static byte[] LastInfluxBody { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                BytesReceived += body.Length;
                if (request.RequestUri!.Host == "influxdb.bench")
                {
                    LastInfluxBody = body;
                }
            }

            if (request.RequestUri!.Host == "weather.bench")
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Weather, Encoding.UTF8, "application/json") };
            }

            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
