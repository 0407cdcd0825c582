using System.Text.Json;
using HaIngestor.Connector.HomeAssistant;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// One WebSocket session with Home Assistant for reading its recorder: the entities and registries once, then
/// <c>history/history_during_period</c> and <c>recorder/statistics_during_period</c> requests.
/// </summary>
internal sealed class HomeAssistantRecorder : IAsyncDisposable, IHomeAssistantMessageHandler
{
    private readonly HomeAssistantConnection _connection;
    private readonly CancellationTokenSource _receiving = new();
    private readonly TimeSpan _requestTimeout;
    private Task _receive = Task.CompletedTask;

    private HomeAssistantRecorder(HomeAssistantConnection connection, string? haVersion, TimeSpan requestTimeout)
    {
        _connection = connection;
        HaVersion = haVersion;
        _requestTimeout = requestTimeout;
    }

    public string? HaVersion { get; }

    /// <summary>Connects and authenticates within <see cref="HomeAssistantOptions.AuthTimeout"/>; throws <see cref="HomeAssistantAuthException"/> on a rejected token.</summary>
    public static async Task<HomeAssistantRecorder> ConnectAsync(
        HomeAssistantInstanceOptions instance, HomeAssistantOptions options, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        var endpoint = HomeAssistantEndpoint.FromUrl(instance.Url!);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AuthTimeout);
        var connection = await HomeAssistantConnection.ConnectAsync(endpoint.WebSocket, HomeAssistantTls.CreateValidator(options.CaFile), timeout.Token, options.Compression)
            .ConfigureAwait(false);
        try
        {
            var version = await connection.AuthenticateAsync(instance.Token!, timeout.Token).ConfigureAwait(false);
            var recorder = new HomeAssistantRecorder(connection, version, requestTimeout);
            recorder._receive = connection.RunReceiveLoopAsync(recorder, recorder._receiving.Token);
            return recorder;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every entity Home Assistant has a state for, with whether it has long-term statistics (a <c>state_class</c>).</summary>
    public async Task<IReadOnlyList<(string EntityId, bool HasStatistics)>> ReadEntitiesAsync(CancellationToken cancellationToken)
    {
        using var reply = (await SendAsync("get_states", null, cancellationToken).ConfigureAwait(false)).EnsureSuccess("get_states");
        var entities = new List<(string, bool)>();
        if (reply.Result.ValueKind == JsonValueKind.Array)
        {
            foreach (var state in reply.Result.EnumerateArray())
            {
                if (state.ValueKind == JsonValueKind.Object && state.TryGetProperty("entity_id", out var id) && id.GetString() is { Length: > 0 } entityId)
                {
                    var statistics = state.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                        && attributes.TryGetProperty("state_class", out var stateClass) && stateClass.ValueKind == JsonValueKind.String;
                    entities.Add((entityId, statistics));
                }
            }
        }

        return entities;
    }

    /// <summary>Areas and devices of the entities, so backfilled points carry the tags live ones do; empty when the token may not list registries.</summary>
    public async Task<RegistrySnapshot> ReadRegistriesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var entities = (await SendAsync("config/entity_registry/list", null, cancellationToken).ConfigureAwait(false)).EnsureSuccess("config/entity_registry/list");
            using var devices = (await SendAsync("config/device_registry/list", null, cancellationToken).ConfigureAwait(false)).EnsureSuccess("config/device_registry/list");
            using var areas = (await SendAsync("config/area_registry/list", null, cancellationToken).ConfigureAwait(false)).EnsureSuccess("config/area_registry/list");
            return RegistrySnapshot.Build(entities.Result, devices.Result, areas.Result);
        }
        catch (HomeAssistantCommandException)
        {
            return RegistrySnapshot.Empty;
        }
    }

    /// <summary>
    /// The recorded states of <paramref name="entityIds"/> with last_updated in [<paramref name="start"/>, <paramref name="end"/>).
    /// The recorder selects last_updated strictly after start_time, so the request starts a millisecond early and the
    /// answer is clipped here: a state exactly on a chunk boundary is read once, not lost.
    /// </summary>
    public async Task<(List<HistoryState> States, int Malformed)> ReadHistoryAsync(
        IReadOnlyList<string> entityIds, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        using var reply = (await SendAsync("history/history_during_period", w =>
        {
            w.WriteString("start_time"u8, HistoryEvents.Iso(start.AddMilliseconds(-1)));
            w.WriteString("end_time"u8, HistoryEvents.Iso(end));
            w.WriteStartArray("entity_ids"u8);
            foreach (var id in entityIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            // Recorded states only (no synthesized start state), every change including attribute-only ones, full states.
            w.WriteBoolean("include_start_time_state"u8, false);
            w.WriteBoolean("significant_changes_only"u8, false);
            w.WriteBoolean("minimal_response"u8, false);
            w.WriteBoolean("no_attributes"u8, false);
        }, cancellationToken).ConfigureAwait(false)).EnsureSuccess("history/history_during_period");
        var states = HistoryAnswer.Read(reply.Result, out var malformed);
        states.RemoveAll(s => s.LastUpdated < start || s.LastUpdated >= end);
        return (states, malformed);
    }

    /// <summary>The hourly statistics of <paramref name="statisticIds"/> whose hour starts in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public async Task<(List<StatisticPoint> Points, int Malformed)> ReadStatisticsAsync(
        IReadOnlyList<string> statisticIds, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        using var reply = (await SendAsync("recorder/statistics_during_period", w =>
        {
            w.WriteString("start_time"u8, HistoryEvents.Iso(start));
            w.WriteString("end_time"u8, HistoryEvents.Iso(end));
            w.WriteStartArray("statistic_ids"u8);
            foreach (var id in statisticIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteString("period"u8, "hour"u8);
            w.WriteStartArray("types"u8);
            foreach (var type in (ReadOnlySpan<string>)["mean", "min", "max", "state", "sum", "change"])
            {
                w.WriteStringValue(type);
            }

            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false)).EnsureSuccess("recorder/statistics_during_period");
        var points = StatisticsAnswer.Read(reply.Result, out var malformed);
        points.RemoveAll(p => p.Start < start || p.Start >= end);
        return (points, malformed);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiving.CancelAsync().ConfigureAwait(false);
        _connection.Close(new OperationCanceledException("Backfill done."));
        await _receive.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _receiving.Dispose();
    }

    void IHomeAssistantMessageHandler.OnEvent(in HaMessage message)
    {
        // Nothing is subscribed: only replies matter here.
    }

    void IHomeAssistantMessageHandler.OnMalformed(string error)
    {
    }

    private async Task<CommandReply> SendAsync(string type, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            return await _connection.SendCommandAsync(type, fields, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HomeAssistantConnectionLostException($"{type} got no answer within {_requestTimeout} (Backfill:RequestTimeout).");
        }
    }
}
