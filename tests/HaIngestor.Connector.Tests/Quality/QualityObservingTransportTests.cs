using System.Globalization;
using System.Text;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Quality;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Connector.Tests.Quality;

/// <summary>Event Hubs mode: the connector observes quality on what the transport took, per home, from the envelopes.</summary>
public sealed class QualityObservingTransportTests : IDisposable
{
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(TestEvents.BaseTime);
    private readonly RecordingTransport _inner = new();
    private readonly QualityTracker _tracker;

    public QualityObservingTransportTests() => _tracker = new QualityTracker(new QualityOptions(), _time);

    public void Dispose() => _tracker.Dispose();

    [Fact]
    public async Task SendAsync_Delivered_PassesEventsOnAndTracksEachEntityOfEachHome()
    {
        var sut = CreateSut();
        var first = Event("a", "sensor.temp", "21.5");
        _time.Advance(HalfMinute);
        ReceivedEvent[] events = [first, Event("a", "sensor.temp", "21.6"), Event("b", "binary_sensor.door", "on")];

        await sut.SendAsync(events, CancellationToken.None);

        Assert.Equal(events, _inner.Delivered);
        Assert.Equal("recording", sut.Name);
        _tracker.Evaluate();
        Assert.Equal(2, _tracker.StatusTotals().Tracked);
        Assert.Equal(21.6, _tracker.Entity("a", "sensor.temp")?.LastValue);
        Assert.NotNull(_tracker.Entity("b", "binary_sensor.door"));
        Assert.Null(_tracker.Entity("a", "binary_sensor.door"));
        var counts = _tracker.Counts();
        Assert.Equal(2, Assert.Single(counts, c => c is { Home: "a", Domain: "sensor" }).Accepted);
        Assert.Equal(1, Assert.Single(counts, c => c is { Home: "b", Domain: "binary_sensor" }).Accepted);
    }

    [Fact]
    public async Task SendAsync_InnerFails_NothingObservedUntilTheRetryIsTaken()
    {
        var sut = CreateSut();
        ReceivedEvent[] events = [Event("a", "sensor.temp", "21.5")];
        _inner.Down = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SendAsync(events, CancellationToken.None));
        Assert.Equal(0, _tracker.EntityCount);
        Assert.Empty(_tracker.Counts());

        // The buffer retries the same batch (or replays it from the journal): observed once, when it is taken.
        _inner.Down = false;
        await sut.SendAsync(events, CancellationToken.None);
        Assert.Equal(1, _tracker.EntityCount);
        Assert.Equal(1, Assert.Single(_tracker.Counts()).Accepted);
    }

    [Fact]
    public async Task SendAsync_SensorStopsWhileTheHomeCarriesOn_SilentOnceThenOkAgain()
    {
        var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            await sut.SendAsync([Event("a", "sensor.temp", "2" + i), Event("a", "sensor.keep_alive", "1" + i)], CancellationToken.None);
            _time.Advance(HalfMinute);
            Assert.Empty(_tracker.Evaluate());
        }

        var changes = new List<EntityQualityReport>();
        for (var passed = TimeSpan.Zero; passed < TimeSpan.FromMinutes(20); passed += HalfMinute)
        {
            await sut.SendAsync([Event("a", "sensor.keep_alive", passed.TotalSeconds.ToString(CultureInfo.InvariantCulture))], CancellationToken.None);
            _time.Advance(HalfMinute);
            changes.AddRange(_tracker.Evaluate());
        }

        var silent = Assert.Single(changes);
        Assert.Equal(("sensor.temp", QualityStatus.Silent), (silent.EntityId, silent.Status));
        await sut.SendAsync([Event("a", "sensor.temp", "22")], CancellationToken.None);
        Assert.Equal(QualityStatus.Ok, Assert.Single(_tracker.Evaluate()).Status);
    }

    [Fact]
    public async Task SendHeartbeatAsync_PassedOnAndNotObserved()
    {
        var sut = CreateSut();

        await sut.SendHeartbeatAsync(new HaIngestor.Connector.Transports.Heartbeat(["a"], 1, 0, "1.0.0", _time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(0, _tracker.EntityCount);
    }

    private QualityObservingTransport CreateSut() => new(_inner, _tracker);

    // A state change at the fake clock's time, wrapped as the connector wraps it (the home in the envelope).
    private ReceivedEvent Event(string home, string entityId, string state)
    {
        var time = _time.GetUtcNow();
        var contextId = $"CTX{time.Ticks:D20}";
        var message = Encoding.UTF8.GetBytes(TestEvents.StateChangedJson(entityId, state, time, contextId));
        var envelope = IngestEnvelope.Wrap(message, new IngestMetadata(home, null, null, false));
        return new ReceivedEvent(envelope, new EventHeader("state_changed", entityId, time, contextId, time), home, false, time);
    }
}
