using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Core.Tests.Quality;

/// <summary>A tracker behind a real pipeline on a fake clock: events are sent at the clock's time, as they would arrive.</summary>
internal sealed class QualityHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public QualityHarness(QualityOptions? options = null, PipelineOptions? pipelineOptions = null)
    {
        Tracker = new QualityTracker(options ?? new QualityOptions(), Time, Meters.GetRequiredService<IMeterFactory>());
        Pipeline = new EventPipeline(pipelineOptions ?? new PipelineOptions(), Tracker);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>This harness's own meters: a collector scoped to them hears this tracker only, never one of a test running beside it.</summary>
    public ServiceProvider Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public IMeterFactory MeterScope => Meters.GetRequiredService<IMeterFactory>();

    public QualityTracker Tracker { get; }

    public EventPipeline Pipeline { get; }

    public static string Message(string entityId, string state, DateTimeOffset at, string attributes = "{}", string home = "Main")
    {
        var time = at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        return HaEvents.StateChanged(
            HaEvents.Quote(entityId),
            HaEvents.State(entityId, HaEvents.Quote(state), attributes, time),
            timeFired: time,
            envelope: $"\"ingestor\":{{\"home\":{HaEvents.Quote(home)}}},");
    }

    /// <summary>Sends one state change stamped with the clock's time and returns the line written.</summary>
    public string Send(string entityId, string state, string attributes = "{}", string home = "Main")
        => Process(Message(entityId, state, Time.GetUtcNow(), attributes, home));

    public string Process(string message)
    {
        using var writer = new LineProtocolWriter();
        var result = Pipeline.Process(Encoding.UTF8.GetBytes(message), writer);
        Assert.NotEqual(ProcessOutcome.Rejected, result.Outcome);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    /// <summary>Advances the clock and evaluates; returns the changes.</summary>
    public IReadOnlyList<EntityQualityReport> After(TimeSpan wait)
    {
        Time.Advance(wait);
        return Tracker.Evaluate();
    }

    /// <summary>Sends a change every <paramref name="every"/> for <paramref name="count"/> times, evaluating after each; returns all changes.</summary>
    public List<EntityQualityReport> Repeat(string entityId, TimeSpan every, int count, Func<int, string>? state = null, string attributes = "{}", string home = "Main")
    {
        var changes = new List<EntityQualityReport>();
        for (var i = 0; i < count; i++)
        {
            Send(entityId, state?.Invoke(i) ?? (20 + (i % 5)).ToString(CultureInfo.InvariantCulture), attributes, home);
            changes.AddRange(After(every));
        }

        return changes;
    }

    /// <summary>
    /// Lets <paramref name="total"/> pass in steps, a keep-alive sensor reporting at each step so the home's clock
    /// runs, evaluating after each; returns the changes of every entity but the keep-alive one.
    /// </summary>
    public List<EntityQualityReport> KeepAlive(TimeSpan total, TimeSpan? step = null, string home = "Main")
    {
        var every = step ?? TimeSpan.FromSeconds(30);
        var changes = new List<EntityQualityReport>();
        for (var passed = TimeSpan.Zero; passed < total; passed += every)
        {
            Time.Advance(every);
            Send("sensor.keep_alive", (passed.Ticks % 7).ToString(CultureInfo.InvariantCulture), home: home);
            changes.AddRange(Tracker.Evaluate().Where(c => c.EntityId != "sensor.keep_alive"));
        }

        return changes;
    }

    public void Dispose()
    {
        Tracker.Dispose();
        Meters.Dispose();
    }
}
