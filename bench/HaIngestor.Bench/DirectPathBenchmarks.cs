using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaIngestor.Bench;

/// <summary>
/// The whole direct path as the connector runs it: WebSocket frame bytes through the frame reader and the client's
/// event handler (filter, restart-duplicate check, envelope) into a batch, then the direct transport, the batch
/// processor and the pipeline to line-protocol bytes at the sink. One operation is a batch of 100 frames of one
/// ~1 KB state_changed each (<c>OperationsPerInvoke = 100</c>), so Mean and Allocated are per event. The lag metric
/// is listened to, as it is when metrics are exported. The journal and the buffer's channel are not in it: in the
/// steady state nothing is spilled, and the channel hands the same objects on.
/// </summary>
[MemoryDiagnoser]
public class DirectPathBenchmarks : IDisposable
{
    private const int Events = 100;
    private readonly byte[][] _frames = [.. Enumerable.Range(0, Events).Select(i => Frames.All[i % Frames.All.Length])];
    private readonly List<HaMessage> _messages = [];
    private readonly CollectingSink _received = new();
    private readonly CountingSink _lines = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly IHomeAssistantMessageHandler _handler;
    private readonly DirectTransport _transport;

    public DirectPathBenchmarks()
    {
        var time = TimeProvider.System;
        var options = new HomeAssistantOptions();
        _handler = new HomeAssistantClient(
            new HomeAssistantInstanceOptions { Url = "http://homeassistant.local:8123", Token = "token" },
            options,
            _received,
            _services.GetRequiredService<IHttpClientFactory>(),
            time,
            new HomeStatusTracker(null, time),
            NullLogger<HomeAssistantClient>.Instance);
        var meters = _services.GetRequiredService<IMeterFactory>();
        var processor = new IngestBatchProcessor(
            new EventPipeline(new PipelineOptions()),
            _lines,
            new NoDeadLetters(),
            new IngestorMetrics(meters, time),
            time,
            NullLogger<IngestBatchProcessor>.Instance);
        _transport = new DirectTransport(processor, new ConnectorCounters());

        // As under the OpenTelemetry exporter: the instruments are listened to, so the lag is measured.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestorMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.Start();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<long> FrameToLineProtocol()
    {
        _received.Received.Clear();
        foreach (var frame in _frames)
        {
            // HomeAssistantConnection.RunReceiveLoopAsync, for an event frame.
            _messages.Clear();
            HaFrameReader.TryRead(frame, _messages, out _);
            foreach (var message in _messages)
            {
                _handler.OnEvent(message);
            }
        }

        await _transport.SendAsync(_received.Received, CancellationToken.None).ConfigureAwait(false);
        return _lines.Bytes;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class CollectingSink : IReceivedEventSink
    {
        public List<ReceivedEvent> Received { get; } = new(Events);

        public void Accept(ReceivedEvent receivedEvent) => Received.Add(receivedEvent);
    }

    private sealed class CountingSink : ILineProtocolSink
    {
        public long Bytes { get; private set; }

        public string Name => "counting";

        public Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
        {
            Bytes += lines.Length;
            return Task.FromResult(SinkWriteResult.Success);
        }
    }

    private sealed class NoDeadLetters : IDeadLetterStore
    {
        public Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The benchmark's events are all valid.");

        public async IAsyncEnumerable<DeadLetter> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield break;
        }
    }
}
