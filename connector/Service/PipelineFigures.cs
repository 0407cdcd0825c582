using HaIngestor.Core.Telemetry;

namespace HaIngestor.Connector.Service;

/// <summary>
/// The pipeline's figures for the status page, <c>/health</c>, the demo and the pipeline points, read from the one
/// instrument of each meaning. Rejected and dead-lettered events are the core pipeline's counters (in direct mode;
/// zero with Event Hubs, where the functions count them). Batch sizes and lag are the connector's histograms with
/// Event Hubs, and the pipeline's in direct mode, where the hand-over to the transport is the pipeline's processing
/// and the connector records none of its own.
/// </summary>
internal sealed class PipelineFigures(PrometheusExposition metrics, ConnectorCounters counters)
{
    /// <summary>Events rejected as invalid, by the in-process pipeline.</summary>
    public long Rejected => metrics.Total(IngestorMetrics.RejectedInstrument);

    /// <summary>Events the in-process pipeline put in the dead-letter store, whatever the reason.</summary>
    public long DeadLettered => metrics.Total(IngestorMetrics.DeadLetteredInstrument);

    /// <summary>Batches handed over, and the events in them.</summary>
    public (long Count, double Sum) Batches
    {
        get
        {
            var connector = metrics.Totals(counters.BatchSize.Instrument.Name);
            return connector.Count > 0 ? connector : metrics.Totals(IngestorMetrics.BatchSizeInstrument);
        }
    }

    /// <summary>Events whose lag was measured, and the sum of their lags in seconds.</summary>
    public (long Count, double SumSeconds) LagSeconds
    {
        get
        {
            var connector = metrics.Totals(counters.EventLagSeconds.Instrument.Name);
            if (connector.Count > 0)
            {
                return connector;
            }

            var pipeline = metrics.Totals(IngestorMetrics.EventLagInstrument);
            return (pipeline.Count, pipeline.Sum / 1000);
        }
    }
}
