using System.Diagnostics.Metrics;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;

namespace HaIngestor.Connector.Service;

/// <summary>
/// The connector's state as observable instruments on the <c>HaIngestor</c> meter, read when someone collects:
/// buffer and journal depth, whether it is spilling, and per home (tag <c>home</c>) the connection and its counts.
/// </summary>
internal sealed class ConnectorGauges
{
    private readonly IHomeAssistantStatus _homes;
    private readonly TimeProvider _timeProvider;

    public ConnectorGauges(ConnectorCounters counters, EventBuffer buffer, IHomeAssistantStatus homes, TimeProvider timeProvider)
    {
        _homes = homes;
        _timeProvider = timeProvider;
        var meter = counters.Meter;
        const string prefix = ConnectorCounters.Prefix;
        meter.CreateObservableGauge(prefix + "journal.depth", () => buffer.JournalDepth, "{event}", "Events waiting in the journal.");
        meter.CreateObservableGauge(prefix + "buffer.depth", () => buffer.Buffered, "{event}", "Events waiting in memory.");
        meter.CreateObservableGauge(prefix + "spilling", () => buffer.Spilling ? 1 : 0, "1", "1 while new events go to the journal.");
        meter.CreateObservableGauge(prefix + "ha.connected", () => PerHome(h => h.IsConnected ? 1 : 0), "1", "1 when the Home Assistant connection is up.");
        meter.CreateObservableCounter(prefix + "ha.events", () => PerHome(h => h.EventsReceived), "{event}", "Events received per home, including filtered ones.");
        meter.CreateObservableCounter(prefix + "ha.filtered", () => PerHome(h => h.EventsFiltered), "{event}", "Events dropped by the include/exclude filter.");
        meter.CreateObservableCounter(prefix + "ha.catch_up_events", () => PerHome(h => h.CatchUpEvents), "{event}", "Events synthesized from get_states after a gap.");
        meter.CreateObservableCounter(prefix + "ha.reconnects", () => PerHome(h => h.Reconnects), "{reconnect}", "Reconnections.");
        meter.CreateObservableCounter(prefix + "ha.auth_failures", () => PerHome(h => h.AuthFailures), "{failure}", "Times the token was rejected.");
        meter.CreateObservableCounter(prefix + "ha.malformed", () => PerHome(h => h.MalformedMessages), "{message}", "Unreadable frames skipped.");
        meter.CreateObservableGauge(prefix + "ha.last_event_age", LastEventAge, "s", "Seconds since the last event (-1 before the first).");
    }

    private IEnumerable<Measurement<long>> PerHome(Func<HomeAssistantHomeStatus, long> value) =>
        [.. _homes.Homes.Select(h => new Measurement<long>(value(h), new KeyValuePair<string, object?>("home", h.DisplayName)))];

    private IEnumerable<Measurement<double>> LastEventAge()
    {
        var now = _timeProvider.GetUtcNow();
        return [.. _homes.Homes.Select(h => new Measurement<double>(
            h.LastEventAt is { } t ? Math.Max(0, (now - t).TotalSeconds) : -1,
            new KeyValuePair<string, object?>("home", h.DisplayName)))];
    }
}
