using System.Globalization;
using System.Text.Json;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Transports;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Service;

/// <summary>Builds the <c>/health</c> document from the homes, the buffer, the journal and the transport. Never holds a secret.</summary>
internal sealed class HealthReporter(
    IHomeAssistantStatus homes,
    EventBuffer buffer,
    EventJournal journal,
    IEventTransport transport,
    IOptions<HealthOptions> healthOptions,
    IOptions<ConnectorOptions> connectorOptions,
    IOptions<JournalOptions> journalOptions,
    TimeProvider timeProvider,
    QualityTracker? quality = null)
{
    /// <summary>Problem entities listed in the document at most (the count is always complete).</summary>
    public const int MaxListedProblems = 100;

    private readonly Lock _gate = new();
    private DateTimeOffset? _noneConnectedSince;

    /// <summary>Writes the document and returns the overall status.</summary>
    public HealthStatus Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var now = timeProvider.GetUtcNow();
        var homeList = homes.Homes;
        var (failing, lastSuccess, lastFailure, lastError) = buffer.TransportStatus.Snapshot();
        var journalBytes = journal.TotalBytes;
        var journalRatio = (double)journalBytes / journalOptions.Value.MaxBytes;
        var status = Evaluate(homeList, failing, journalRatio, now, out var reasons);
        var problems = quality is { Options.Enabled: true } ? quality.Problems() : [];
        var silentOrStuck = problems.Count(p => p.Status is QualityStatus.Silent or QualityStatus.StuckUnavailable);
        if (silentOrStuck > 0)
        {
            // Degraded, never unhealthy: the connector does its job; some devices do not.
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"data quality: {silentOrStuck} entities silent/stuck"));
            status = Max(status, HealthStatus.Degraded);
        }

        json.WriteStartObject();
        json.WriteString("status", status.ToString().ToLowerInvariant());
        json.WriteStartArray("reasons");
        foreach (var reason in reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteString("version", HeartbeatService.Version);
        json.WriteStartArray("homes");
        foreach (var home in homeList)
        {
            json.WriteStartObject();
            json.WriteString("home", home.DisplayName);
            json.WriteString("state", home.State.ToString());
            WriteTime(json, "connected_since", home.ConnectedSince);
            WriteTime(json, "last_event_at", home.LastEventAt);
            if (home.LastEventAt is { } last)
            {
                json.WriteNumber("last_event_age_seconds", Math.Round((now - last).TotalSeconds, 1));
            }
            else
            {
                json.WriteNull("last_event_age_seconds");
            }

            json.WriteNumber("events_received", home.EventsReceived);
            json.WriteNumber("reconnects", home.Reconnects);
            json.WriteNumber("restart_duplicates", home.RestartDuplicates);
            json.WriteString("ha_version", home.HaVersion);
            json.WriteString("last_error", home.LastError);
            json.WriteStartArray("refused_event_types");
            foreach (var refused in home.RefusedEventTypes)
            {
                json.WriteStringValue(refused);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("transport");
        json.WriteString("name", transport.Name);
        json.WriteString("state", failing ? "failing" : "ok");
        WriteTime(json, "last_success", lastSuccess);
        WriteTime(json, "last_failure", lastFailure);
        json.WriteString("last_error", lastError);
        json.WriteEndObject();
        json.WriteStartObject("buffer");
        json.WriteNumber("depth", buffer.Buffered);
        json.WriteNumber("capacity", connectorOptions.Value.BufferCapacity);
        json.WriteBoolean("spilling", buffer.Spilling);
        json.WriteEndObject();
        json.WriteStartObject("journal");
        json.WriteNumber("depth", buffer.JournalDepth);
        json.WriteNumber("bytes", journalBytes);
        json.WriteNumber("max_bytes", journalOptions.Value.MaxBytes);
        json.WriteEndObject();
        if (quality is { Options.Enabled: true })
        {
            WriteQuality(json, quality.StatusTotals(), problems);
        }

        json.WriteEndObject();
        return status;
    }

    private HealthStatus Evaluate(IReadOnlyList<HomeAssistantHomeStatus> homeList, bool transportFailing, double journalRatio, DateTimeOffset now, out List<string> reasons)
    {
        reasons = [];
        var status = HealthStatus.Healthy;
        foreach (var home in homeList.Where(h => h.State == HomeAssistantConnectionState.AuthFailed))
        {
            reasons.Add($"home {home.DisplayName}: token rejected");
            status = HealthStatus.Unhealthy;
        }

        var anyConnected = homeList.Count == 0 || homeList.Any(h => h.IsConnected);
        lock (_gate)
        {
            _noneConnectedSince = anyConnected ? null : _noneConnectedSince ?? now;
            if (_noneConnectedSince is { } since)
            {
                var unhealthy = now - since >= healthOptions.Value.DisconnectedGrace;
                reasons.Add(unhealthy ? "no Home Assistant connected for " + (now - since).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : "connecting to Home Assistant");
                status = unhealthy ? HealthStatus.Unhealthy : Max(status, HealthStatus.Degraded);
            }
        }

        foreach (var home in homeList.Where(h => !h.IsConnected && h.State != HomeAssistantConnectionState.AuthFailed && anyConnected))
        {
            reasons.Add($"home {home.DisplayName}: {home.State}");
            status = Max(status, HealthStatus.Degraded);
        }

        if (transportFailing)
        {
            reasons.Add("transport failing: events are journaled");
            status = Max(status, HealthStatus.Degraded);
        }

        if (journalRatio >= healthOptions.Value.JournalUnhealthyRatio)
        {
            reasons.Add("journal nearly full: oldest events will be dropped");
            status = HealthStatus.Unhealthy;
        }

        return status;
    }

    private static void WriteQuality(Utf8JsonWriter json, QualityTotals totals, IReadOnlyList<EntityQualityReport> problems)
    {
        json.WriteStartObject("quality");
        json.WriteNumber("tracked", totals.Tracked);
        json.WriteNumber("silent", totals.Silent);
        json.WriteNumber("stuck_unavailable", totals.StuckUnavailable);
        json.WriteNumber("out_of_range", totals.OutOfRange);
        json.WriteNumber("untracked_events", totals.Untracked);
        json.WriteStartArray("problems");
        foreach (var problem in problems.Take(MaxListedProblems))
        {
            json.WriteStartObject();
            json.WriteString("home", problem.Home);
            json.WriteString("entity_id", problem.EntityId);
            json.WriteString("status", QualityStatusNames.Name(problem.Status));
            json.WriteString("since", problem.At);
            json.WriteString("last_seen", problem.LastSeen);
            json.WriteNumber("last_seen_age_seconds", Math.Round(problem.LastSeenAge.TotalSeconds, 1));
            if (problem.SilentAfter is { } silentAfter)
            {
                json.WriteNumber("silent_after_seconds", silentAfter.TotalSeconds);
            }
            else
            {
                json.WriteNull("silent_after_seconds");
            }
            if (problem.TypicalInterval is { } typical)
            {
                json.WriteNumber("typical_interval_seconds", typical.TotalSeconds);
            }
            else
            {
                json.WriteNull("typical_interval_seconds");
            }

            if (problem.LastValue is { } value)
            {
                json.WriteNumber("last_value", value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static HealthStatus Max(HealthStatus a, HealthStatus b) => a > b ? a : b;

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
