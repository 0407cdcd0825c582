using System.Diagnostics.Metrics;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Tests.TestData;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HaIngestor.Core.Tests.Quality;

public sealed class QualityTrackerValuesTests
{
    private const string Celsius = """{"device_class":"temperature","unit_of_measurement":"°C","state_class":"measurement"}""";
    private const string Energy = """{"device_class":"energy","unit_of_measurement":"kWh","state_class":"total_increasing"}""";

    [Fact]
    public void Evaluate_TemperatureOutOfRange_CountedReportedAndStillWritten()
    {
        using var harness = new QualityHarness();
        using var counter = new MetricCollector<long>(harness.MeterScope, "HaIngestor", "haingestor.quality.out_of_range");
        var line = harness.Send("sensor.outdoor", "120", Celsius);
        Assert.Contains("value=120", line, StringComparison.Ordinal);

        var change = Assert.Single(harness.After(TimeSpan.FromSeconds(1)));
        Assert.Equal((QualityStatus.OutOfRange, 120d), (change.Status, change.LastValue));
        Assert.True(change.OutOfRange);
        var measurement = Assert.Single(counter.GetMeasurementSnapshot());
        Assert.Equal("temperature", measurement.Tags["device_class"]);

        harness.Send("sensor.outdoor", "21.5", Celsius);
        Assert.Equal(QualityStatus.Ok, Assert.Single(harness.After(TimeSpan.FromSeconds(1))).Status);
    }

    [Fact]
    public void Observe_TagOutOfRange_DefaultSchemaLineTagged()
    {
        using var harness = new QualityHarness(new QualityOptions { TagOutOfRange = true });
        Assert.Contains(",quality=out_of_range,", harness.Send("sensor.hum", "101", """{"device_class":"humidity","unit_of_measurement":"%"}"""), StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("quality=", harness.Send("sensor.hum", "55", """{"device_class":"humidity","unit_of_measurement":"%"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temperature", "°C", -60.5, true)]
    [InlineData("temperature", "°C", 89.9, false)]
    [InlineData("temperature", "°F", 150, false)]
    [InlineData("temperature", "°F", 200, true)]
    [InlineData("temperature", "K", 100, true)]
    [InlineData("humidity", "%", 100, false)]
    [InlineData("humidity", "%", -0.1, true)]
    [InlineData("battery", "%", 101, true)]
    [InlineData("moisture", "%", 50, false)]
    [InlineData("pressure", "hPa", 1013, false)]
    [InlineData("pressure", "hPa", 20, true)]
    [InlineData("pressure", "bar", 2.2, false)]
    [InlineData("illuminance", "lx", -1, true)]
    [InlineData("carbon_dioxide", "ppm", 420, false)]
    [InlineData("power", "W", -5000, false)]
    [InlineData("temperature", "", 500, false)]
    public void IsOutOfRange_ByDeviceClassAndUnit(string deviceClass, string unit, double value, bool expected)
    {
        var rangeClass = DeviceClassRanges.Classify(HaEvents.Utf8(deviceClass), HaEvents.Utf8(unit), "measurement"u8);
        Assert.Equal(expected, DeviceClassRanges.IsOutOfRange(rangeClass, HaEvents.Utf8(unit), value, double.NaN));
    }

    [Theory]
    [InlineData(100, 101, false)]
    [InlineData(100, 100, false)]
    [InlineData(100, 99.5, true)]
    [InlineData(100, 90, true)]
    [InlineData(100, 0, false)]
    [InlineData(100, 89.9, false)]
    public void IsOutOfRange_TotalIncreasing_DipCountedResetNot(double previous, double value, bool expected)
    {
        Assert.Equal(expected, DeviceClassRanges.IsOutOfRange(RangeClass.TotalIncreasing, "kWh"u8, value, previous));
    }

    [Fact]
    public void Evaluate_TotalIncreasingDecrease_OutOfRangeUntilItRisesAgain()
    {
        using var harness = new QualityHarness();
        harness.Send("sensor.meter", "1000.0", Energy);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        harness.Send("sensor.meter", "unavailable", Energy);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        harness.Send("sensor.meter", "999.2", Energy);
        Assert.Equal(QualityStatus.OutOfRange, Assert.Single(harness.After(TimeSpan.FromSeconds(1))).Status);
        harness.Send("sensor.meter", "1000.4", Energy);
        Assert.Equal(QualityStatus.Ok, Assert.Single(harness.After(TimeSpan.FromSeconds(1))).Status);
        harness.Send("sensor.meter", "0.1", Energy);
        Assert.Empty(harness.After(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Observe_UnknownAndUnavailableShare_Reported()
    {
        using var harness = new QualityHarness();
        for (var i = 0; i < 20; i++)
        {
            harness.Send("sensor.flaky", i % 4 == 0 ? "unknown" : i % 4 == 1 ? "unavailable" : "12");
            harness.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0.5, harness.Tracker.Entity("Main", "sensor.flaky")!.UnavailableRatio, 3);
    }

    [Fact]
    public void Observe_Redelivery_ChangesNothing()
    {
        using var harness = new QualityHarness();
        var messages = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            messages.Add(QualityHarness.Message("sensor.temp", i == 5 ? "unavailable" : "20", harness.Time.GetUtcNow()));
            harness.Time.Advance(TimeSpan.FromSeconds(30));
        }

        messages.ForEach(m => harness.Process(m));
        var once = harness.Tracker.Entity("Main", "sensor.temp");
        messages.ForEach(m => harness.Process(m));
        Assert.Equal(once, harness.Tracker.Entity("Main", "sensor.temp"));
        Assert.Equal(0.1, once!.UnavailableRatio, 3);
    }

    [Fact]
    public void Observe_EntityRemoved_NoLongerTracked()
    {
        using var harness = new QualityHarness();
        harness.Send("sensor.old", "1");
        harness.Process(HaEvents.StateChanged(HaEvents.Quote("sensor.old"), null, HaEvents.State("sensor.old", "\"1\""), envelope: "\"ingestor\":{\"home\":\"Main\"},"));
        Assert.Null(harness.Tracker.Entity("Main", "sensor.old"));
        Assert.Equal(0, harness.Tracker.EntityCount);
    }

    [Fact]
    public void Observe_BeyondMaxEntities_CountedNotTracked()
    {
        using var harness = new QualityHarness(new QualityOptions { MaxEntities = 3 });
        for (var i = 0; i < 5; i++)
        {
            harness.Send("sensor.s" + i, "1");
        }

        harness.Tracker.Evaluate();
        Assert.Equal(3, harness.Tracker.EntityCount);
        Assert.Equal(new QualityTotals(3, 0, 0, 0, 2), harness.Tracker.StatusTotals());
    }

    [Fact]
    public void Counts_PerHomeAndDomain_AcceptedSkippedRejectedDeadLettered()
    {
        using var harness = new QualityHarness(pipelineOptions: new PipelineOptions { SkipUnavailableStates = true });
        using var events = new MetricCollector<long>(harness.MeterScope, "HaIngestor", "haingestor.quality.events");
        harness.Send("sensor.a", "1");
        harness.Send("sensor.a", "unavailable");
        harness.Send("light.b", "on", home: "Cabin");
        var bad = QualityHarness.Message("sensor.a", "1", harness.Time.GetUtcNow()).Replace("2024-05-01T", "2024-13-01T", StringComparison.Ordinal);
        using (var writer = new HaIngestor.Core.Serialization.LineProtocolWriter())
        {
            Assert.Equal(RejectReason.BadTimestamp, harness.Pipeline.Process(HaEvents.Utf8(bad), writer).Reason);
        }

        harness.Tracker.CountDeadLettered(HaEvents.Utf8(bad), "BadTimestamp");

        events.RecordObservableInstruments();
        var counts = harness.Tracker.Counts().ToDictionary(c => (c.Home, c.Domain));
        var sensors = counts[("Main", "sensor")];
        Assert.Equal((1L, 1L, 1L), (sensors.Accepted, sensors.Skipped, sensors.DeadLettered));
        Assert.Equal(1L, sensors.Rejected["BadTimestamp"]);
        Assert.Equal(1d / 3, sensors.RejectedRatio, 6);
        Assert.Equal(1L, counts[("Cabin", "light")].Accepted);
        Assert.Contains(events.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "rejected" && (string?)m.Tags["reason"] == "BadTimestamp" && (string?)m.Tags["home"] == "Main");
    }
}
