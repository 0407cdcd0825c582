using System.Text.Json;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Service;

namespace HaIngestor.Connector.Status;

/// <summary>
/// Builds the status snapshot (<c>/status.json</c>) the status page renders: the health document, event counts
/// and rates, problems, and every registered <see cref="IStatusSection"/>. Never holds a secret.
/// </summary>
internal sealed class StatusReporter(
    HealthReporter health,
    IHomeAssistantStatus homes,
    ConnectorCounters counters,
    PipelineFigures pipeline,
    EventBuffer buffer,
    DomainCounts domains,
    RecentProblems problems,
    IEnumerable<IStatusSection> sections,
    TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();
    private (DateTimeOffset At, long Received) _previous;
    private double _rate;

    /// <summary>Writes the snapshot.</summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var now = timeProvider.GetUtcNow();
        var received = counters.Received;
        json.WriteStartObject();
        json.WriteString("generated_at", now);
        json.WriteNumber("uptime_seconds", Math.Round((now - _startedAt).TotalSeconds));
        json.WritePropertyName("health");
        health.Write(json);

        json.WriteStartObject("events");
        json.WriteNumber("received", received);
        json.WriteNumber("published", counters.Published);
        json.WriteNumber("per_second", Math.Round(Rate(now, received), 1));
        json.WriteNumber("lines_written", counters.WrittenLines);
        json.WriteNumber("buffered", buffer.Buffered);
        var lag = pipeline.LagSeconds;
        if (lag.Count > 0)
        {
            json.WriteNumber("average_lag_ms", Math.Round(lag.SumSeconds * 1000 / lag.Count, 1));
        }
        else
        {
            json.WriteNull("average_lag_ms");
        }

        json.WriteStartArray("by_domain");
        foreach (var (domain, count) in domains.ByDomain())
        {
            json.WriteStartObject();
            json.WriteString("domain", domain);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("problems");
        json.WriteNumber("rejected", pipeline.Rejected);
        json.WriteNumber("dead_lettered", pipeline.DeadLettered);
        json.WriteNumber("dropped", counters.JournalDropped);
        json.WriteNumber("oversize", counters.Oversize);
        json.WriteNumber("warnings_logged", problems.Count);
        WriteProblems(json, "latest_reasons", problems.DeadLetterReasons);
        WriteProblems(json, "warnings", problems.Warnings);
        json.WriteEndObject();

        json.WriteStartArray("sections");
        foreach (var section in sections.Select(s => s.Build()))
        {
            json.WriteStartObject();
            json.WriteString("id", section.Id);
            json.WriteString("title", section.Title);
            json.WriteStartArray("rows");
            foreach (var row in section.Rows)
            {
                json.WriteStartObject();
                json.WriteString("label", row.Label);
                json.WriteString("value", row.Value);
                json.WriteString("level", row.Level);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProblems(Utf8JsonWriter json, string name, IReadOnlyList<RecentProblem> list)
    {
        json.WriteStartArray(name);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            json.WriteStartObject();
            json.WriteString("at", list[i].At);
            json.WriteString("level", list[i].Level);
            json.WriteString("message", list[i].Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // Events/s over the time since the previous snapshot (the page asks every few seconds); at the first snapshot,
    // the homes' events since they connected.
    private double Rate(DateTimeOffset now, long received)
    {
        lock (_gate)
        {
            if (_previous == default)
            {
                _previous = (now, received);
                var connected = homes.Homes.Where(h => h.ConnectedSince is not null).ToList();
                var since = connected.Count > 0 ? connected.Min(h => h.ConnectedSince!.Value) : now;
                var seconds = (now - since).TotalSeconds;
                _rate = seconds >= 1 ? connected.Sum(h => h.EventsReceived) / seconds : 0;
                return _rate;
            }

            var elapsed = (now - _previous.At).TotalSeconds;
            if (elapsed >= 1)
            {
                _rate = (received - _previous.Received) / elapsed;
                _previous = (now, received);
            }

            return _rate;
        }
    }
}
