using System.Diagnostics.Metrics;
using HaIngestor.Core.Telemetry;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// <c>haingestor.summary.points</c> (summary points written) and <c>haingestor.summary.duration</c> (seconds per
/// run), so a run that stops writing shows up on a dashboard without reading logs.
/// </summary>
internal sealed class SummaryMetrics
{
    private readonly Counter<long> _points;
    private readonly Histogram<double> _duration;

    public SummaryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(IngestorMetrics.MeterName);
        _points = meter.CreateCounter<long>("haingestor.summary.points", "{point}", "Daily summary points written.");
        _duration = meter.CreateHistogram<double>("haingestor.summary.duration", "s", "Duration of one daily summary run.");
    }

    public void Record(long points, TimeSpan duration)
    {
        _points.Add(points);
        _duration.Record(duration.TotalSeconds);
    }
}
