using System.Diagnostics;
using System.Globalization;
using System.Text;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Transports.EventHubs;
using HaIngestor.Core.Parsing;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace HaIngestor.Bench;

/// <summary>
/// Round trips and events/s of the Event Hubs transport for one batch of 500 events over 80 entities, against a
/// simulated hub with a fixed round-trip time (<c>--eventhubs</c>).
/// </summary>
internal static class EventHubsRoundTrips
{
    private const int Events = 500;
    private const int Entities = 80;
    private const int Partitions = 4;

    public static void Run()
    {
        var batch = CreateBatch();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch: {Events} events over {Entities} entities, {Partitions} partitions"));
        Console.WriteLine("round trip | round trips per batch | events/s");
        foreach (var roundTrip in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20) })
        {
            var hub = new SimulatedEventHub(roundTrip, Partitions);
            var transport = CreateTransport(hub);
            var iterations = roundTrip == TimeSpan.Zero ? 2_000 : 10;

            // Warm-up, then the counted batches.
            transport.SendAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            hub.Reset();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                transport.SendAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            }

            watch.Stop();
            if (hub.Events != (long)Events * iterations)
            {
                throw new InvalidOperationException($"the hub received {hub.Events} events, expected {Events * iterations}");
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{roundTrip.TotalMilliseconds,6:0} ms | {hub.RoundTrips / (double)iterations,21:0.#} | {hub.Events / watch.Elapsed.TotalSeconds,10:N0}"));
        }
    }

    private static EventHubsTransport CreateTransport(SimulatedEventHub hub) =>
        new(hub, ResiliencePipeline.Empty, new ConnectorCounters(), NullLogger<EventHubsTransport>.Instance);

    private static List<ReceivedEvent> CreateBatch()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var batch = new List<ReceivedEvent>(Events);
        for (var i = 0; i < Events; i++)
        {
            var entity = "sensor.bench_" + (i % Entities).ToString(CultureInfo.InvariantCulture);
            var time = start.AddMilliseconds(i);
            var contextId = "01JBENCH" + i.ToString("D18", CultureInfo.InvariantCulture);
            var t = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
            var message = Encoding.UTF8.GetBytes(
                "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"" + entity +
                "\",\"old_state\":null,\"new_state\":{\"entity_id\":\"" + entity + "\",\"state\":\"21.5\",\"attributes\":{\"unit_of_measurement\":\"°C\",\"friendly_name\":\"Bench\"},\"last_changed\":\"" + t +
                "\",\"last_reported\":\"" + t + "\",\"last_updated\":\"" + t + "\",\"context\":{\"id\":\"" + contextId + "\",\"parent_id\":null,\"user_id\":null}}},\"origin\":\"LOCAL\",\"time_fired\":\"" + t +
                "\",\"context\":{\"id\":\"" + contextId + "\",\"parent_id\":null,\"user_id\":null}}}");
            var envelope = IngestEnvelope.Wrap(message, new IngestMetadata("home", "Kitchen", null, false));
            batch.Add(new ReceivedEvent(envelope, new EventHeader("state_changed", entity, time, contextId, time), "home", false, time));
        }

        return batch;
    }
}
