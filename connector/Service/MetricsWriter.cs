using System.Globalization;
using System.Text;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Core.Quality;

namespace HaIngestor.Connector.Service;

/// <summary>Writes <c>/metrics</c> in the Prometheus text format (0.0.4) from the counters and the homes' status.</summary>
internal sealed class MetricsWriter(ConnectorCounters counters, EventBuffer buffer, IHomeAssistantStatus homes, TimeProvider timeProvider, QualityTracker? quality = null)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string Write()
    {
        var output = new StringBuilder(4096);
        Counter(output, "haingestor_connector_events_received_total", "Events accepted from Home Assistant.", counters.Received);
        Counter(output, "haingestor_connector_events_published_total", "Events the transport took.", counters.Published);
        Counter(output, "haingestor_connector_events_spilled_total", "Events written to the journal (buffer full or transport down).", counters.Spilled);
        Counter(output, "haingestor_connector_events_replayed_total", "Journaled events delivered later.", counters.Replayed);
        Counter(output, "haingestor_connector_events_dropped_total", "Events dropped by the journal: at its size limit (oldest segment), or not writable (disk full).", counters.JournalDropped);
        Counter(output, "haingestor_connector_journal_corrupt_total", "Torn or corrupt journal records skipped.", counters.JournalCorrupt);
        Counter(output, "haingestor_connector_events_oversize_total", "Events too large for one transport message.", counters.Oversize);
        Counter(output, "haingestor_connector_send_failures_total", "Batches the transport failed to take after its retries.", counters.SendFailures);
        Counter(output, "haingestor_connector_heartbeats_total", "Heartbeats sent.", counters.Heartbeats);
        Counter(output, "haingestor_connector_lines_written_total", "Line-protocol lines written (direct mode).", counters.WrittenLines);
        Counter(output, "haingestor_connector_events_rejected_total", "Events rejected as invalid (direct mode).", counters.Rejected);
        Counter(output, "haingestor_connector_events_deadlettered_total", "Events put in the dead-letter store (direct mode).", counters.DeadLettered);
        Gauge(output, "haingestor_connector_journal_depth", "Events waiting in the journal.", buffer.JournalDepth);
        Gauge(output, "haingestor_connector_buffer_depth", "Events waiting in memory.", buffer.Buffered);
        Gauge(output, "haingestor_connector_spilling", "1 while new events go to the journal.", buffer.Spilling ? 1 : 0);

        var now = timeProvider.GetUtcNow();
        var list = homes.Homes;
        PerHome(output, "haingestor_connector_ha_connected", "gauge", "1 when the Home Assistant connection is up.", list, h => h.IsConnected ? 1 : 0);
        PerHome(output, "haingestor_connector_ha_events_total", "counter", "Events received per home, including filtered ones.", list, h => h.EventsReceived);
        PerHome(output, "haingestor_connector_ha_filtered_total", "counter", "Events dropped by the include/exclude filter.", list, h => h.EventsFiltered);
        PerHome(output, "haingestor_connector_ha_catch_up_events_total", "counter", "Events synthesized from get_states after a gap.", list, h => h.CatchUpEvents);
        PerHome(output, "haingestor_connector_ha_restart_duplicates_total", "counter", "Restart re-announcements of unchanged entities skipped.", list, h => h.RestartDuplicates);
        PerHome(output, "haingestor_connector_ha_reconnects_total", "counter", "Reconnections.", list, h => h.Reconnects);
        PerHome(output, "haingestor_connector_ha_auth_failures_total", "counter", "Times the token was rejected.", list, h => h.AuthFailures);
        PerHome(output, "haingestor_connector_ha_malformed_total", "counter", "Unreadable frames skipped.", list, h => h.MalformedMessages);
        PerHome(output, "haingestor_connector_ha_last_event_age_seconds", "gauge", "Seconds since the last event (-1 before the first).", list,
            h => h.LastEventAt is { } t ? Math.Max(0, (now - t).TotalSeconds) : -1);

        counters.BatchSize.WriteTo(output, "haingestor_connector_batch_size", "Events per batch handed to the transport.");
        counters.EventLagSeconds.WriteTo(output, "haingestor_connector_event_lag_seconds", "Seconds from time_fired to hand-over to the transport.");
        if (quality is { Options.Enabled: true })
        {
            WriteQuality(output, quality);
        }

        return output.ToString();
    }

    private static void WriteQuality(StringBuilder output, QualityTracker quality)
    {
        var totals = quality.StatusTotals();
        output.Append("# HELP haingestor_connector_quality_entities Tracked entities by data-quality status, as of the last evaluation.\n");
        output.Append("# TYPE haingestor_connector_quality_entities gauge\n");
        foreach (var (status, count) in new[] { ("ok", totals.Ok), ("out_of_range", totals.OutOfRange), ("silent", totals.Silent), ("stuck_unavailable", totals.StuckUnavailable) })
        {
            output.Append("haingestor_connector_quality_entities{status=\"").Append(status).Append("\"} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Counter(output, "haingestor_connector_quality_untracked_events_total", "Events of entities beyond Quality:MaxEntities, counted but not tracked.", totals.Untracked);
        var counts = quality.Counts();
        output.Append("# HELP haingestor_connector_quality_events_total Events per home and domain by outcome (accepted, skipped, rejected, dead_lettered) and reject reason.\n");
        output.Append("# TYPE haingestor_connector_quality_events_total counter\n");
        foreach (var c in counts)
        {
            QualityEvents(output, c, "accepted", null, c.Accepted);
            QualityEvents(output, c, "skipped", null, c.Skipped);
            QualityEvents(output, c, "dead_lettered", null, c.DeadLettered);
            foreach (var (reason, count) in c.Rejected)
            {
                QualityEvents(output, c, "rejected", reason, count);
            }
        }

        output.Append("# HELP haingestor_connector_quality_rejected_ratio Rejected events over all events seen, per home and domain.\n");
        output.Append("# TYPE haingestor_connector_quality_rejected_ratio gauge\n");
        foreach (var c in counts)
        {
            output.Append("haingestor_connector_quality_rejected_ratio{home=\"").Append(EscapeLabel(c.Home)).Append("\",domain=\"").Append(EscapeLabel(c.Domain)).Append("\"} ")
                .Append(c.RejectedRatio.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static void QualityEvents(StringBuilder output, DomainQualityCounts counts, string outcome, string? reason, long value)
    {
        output.Append("haingestor_connector_quality_events_total{home=\"").Append(EscapeLabel(counts.Home))
            .Append("\",domain=\"").Append(EscapeLabel(counts.Domain))
            .Append("\",outcome=\"").Append(outcome)
            .Append("\",reason=\"").Append(EscapeLabel(reason ?? "none")).Append("\"} ")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Counter(StringBuilder output, string name, string help, long value) => Single(output, name, "counter", help, value);

    private static void Gauge(StringBuilder output, string name, string help, double value) => Single(output, name, "gauge", help, value);

    private static void Single(StringBuilder output, string name, string type, string help, double value)
    {
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        output.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void PerHome(StringBuilder output, string name, string type, string help, IReadOnlyList<HomeAssistantHomeStatus> list, Func<HomeAssistantHomeStatus, double> value)
    {
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var home in list)
        {
            output.Append(name).Append("{home=\"").Append(EscapeLabel(home.DisplayName)).Append("\"} ")
                .Append(value(home).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
