using System.Diagnostics.Metrics;
using System.Text;
using HaIngestor.Connector.Service;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Quality;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Connector.Tests.Service;

public sealed class PrometheusExpositionTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Write_CounterGaugeHistogram_PrometheusShapeThatPromtoolAccepts()
    {
        using var exposition = new PrometheusExposition(Factory);
        var meter = Factory.Create("HaIngestor");
        var counter = meter.CreateCounter<long>("haingestor.test.events", "{event}", "Events.");
        var gauge = meter.CreateObservableGauge("haingestor.test.depth", () => 7, "{event}", "Depth.");
        var histogram = meter.CreateHistogram("haingestor.test.wait", "ms", "Wait.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100] });

        counter.Add(2, new KeyValuePair<string, object?>("reason", "Bad"));
        counter.Add(3, new KeyValuePair<string, object?>("reason", "Bad"));
        histogram.Record(5);
        histogram.Record(50);
        histogram.Record(5000);
        var text = exposition.Write();

        Assert.Contains("# TYPE haingestor_test_events_total counter\nhaingestor_test_events_total{reason=\"Bad\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP haingestor_test_depth Depth.\n# TYPE haingestor_test_depth gauge\nhaingestor_test_depth 7\n", text, StringComparison.Ordinal);

        // Milliseconds are exposed in seconds, bounds and sum alike; buckets are cumulative.
        Assert.Contains(
            "# TYPE haingestor_test_wait_seconds histogram\n" +
            "haingestor_test_wait_seconds_bucket{le=\"0.01\"} 1\n" +
            "haingestor_test_wait_seconds_bucket{le=\"0.1\"} 2\n" +
            "haingestor_test_wait_seconds_bucket{le=\"+Inf\"} 3\n" +
            "haingestor_test_wait_seconds_sum 5.055\n" +
            "haingestor_test_wait_seconds_count 3\n",
            text,
            StringComparison.Ordinal);
        Assert.Equal((3L, 5055d), exposition.Totals(histogram.Name));
        var (exitCode, findings) = await Promtool.CheckMetricsAsync(text);
        Assert.True(exitCode == 0 && findings.Length == 0, $"promtool check metrics exited with {exitCode}:\n{findings}\n{text}");
        _ = gauge;
    }

    [Fact]
    public void Write_LabelValueWithQuoteBackslashAndNewline_Escaped()
    {
        using var exposition = new PrometheusExposition(Factory);
        var counter = Factory.Create("HaIngestor").CreateCounter<long>("haingestor.test.escaped", "{event}", "Help with \\ and\nnewline.");

        counter.Add(1, new KeyValuePair<string, object?>("home", "a\"b\\c\nd"), new KeyValuePair<string, object?>("bad-name", "x"));
        var text = exposition.Write();

        Assert.Contains("# HELP haingestor_test_escaped_total Help with \\\\ and\\nnewline.\n", text, StringComparison.Ordinal);
        Assert.Contains("haingestor_test_escaped_total{bad_name=\"x\",home=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ObservableLabelSetGone_SeriesGoneToo()
    {
        using var exposition = new PrometheusExposition(Factory);
        var homes = new List<string> { "main", "cabin" };
        Factory.Create("HaIngestor").CreateObservableCounter(
            "haingestor.test.per_home",
            () => homes.Select(h => new Measurement<long>(10, new KeyValuePair<string, object?>("home", h))),
            "{event}",
            "Per home.");

        var before = exposition.Write();
        homes.Remove("cabin");
        var after = exposition.Write();

        Assert.Contains("haingestor_test_per_home_total{home=\"cabin\"} 10\n", before, StringComparison.Ordinal);
        Assert.Contains("haingestor_test_per_home_total{home=\"main\"} 10\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("cabin", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InstrumentsOfAnotherHostOrMeter_Ignored()
    {
        using var exposition = new PrometheusExposition(Factory);
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create("HaIngestor").CreateCounter<long>("haingestor.test.elsewhere").Add(1);
        Factory.Create("Other").CreateCounter<long>("haingestor.test.other_meter").Add(1);
        Factory.Create("HaIngestor").CreateCounter<long>("haingestor.test.here").Add(1);

        var text = exposition.Write();

        Assert.Contains("haingestor_test_here_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other_meter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ConnectorCounters_KeepTheirPublishedNames()
    {
        using var exposition = new PrometheusExposition(Factory);
        using var counters = new ConnectorCounters(Factory);

        counters.AddReceived(3);
        counters.AddJournalDropped(2);
        counters.BatchSize.Observe(40);
        counters.EventLagSeconds.Observe(0.2);
        var text = exposition.Write();

        Assert.Contains("haingestor_connector_events_received_total 3\n", text, StringComparison.Ordinal);
        Assert.Contains("haingestor_connector_events_dropped_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("haingestor_connector_send_failures_total 0\n", text, StringComparison.Ordinal);
        Assert.Contains("haingestor_connector_batch_size_bucket{le=\"50\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("haingestor_connector_event_lag_seconds_bucket{le=\"0.5\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(3, counters.Received);
    }

    [Fact]
    public async Task Write_QualityDeadLetters_CountedPerReasonUnderTheReasonLabel()
    {
        using var exposition = new PrometheusExposition(Factory);
        using var tracker = new QualityTracker(new QualityOptions(), TimeProvider.System, Factory);
        var message = Encoding.UTF8.GetBytes(TestEvents.StateChangedJson("sensor.a", "1", TestEvents.BaseTime, "CTX1"));

        tracker.CountDeadLettered(message, "SinkRejected");
        tracker.CountDeadLettered(message, "SinkRejected");
        tracker.CountDeadLettered(message, "SinkUnavailable");
        tracker.CountDeadLettered(message, "a reason nobody defined");
        var text = exposition.Write();

        const string series = "haingestor_connector_quality_events_total{domain=\"sensor\",home=\"\",outcome=\"dead_lettered\",reason=";
        Assert.Contains(series + "\"SinkRejected\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains(series + "\"SinkUnavailable\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains(series + "\"Other\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", text, StringComparison.Ordinal);
        var (exitCode, findings) = await Promtool.CheckMetricsAsync(text);
        Assert.True(exitCode == 0 && findings.Length == 0, $"promtool check metrics exited with {exitCode}:\n{findings}");
    }
}
