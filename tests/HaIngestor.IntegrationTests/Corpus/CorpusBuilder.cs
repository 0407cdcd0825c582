using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// Builds corpus cases, giving each its own second so no two points of the corpus share an identity
/// (same measurement, tags and time would overwrite each other in InfluxDB).
/// </summary>
internal sealed class CorpusBuilder
{
    public static readonly DateTimeOffset Base = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly List<CorpusCase> _cases = [];
    private int _slot;

    public IReadOnlyList<CorpusCase> Cases => _cases;

    /// <summary>The HA way of writing a timestamp: microseconds and an explicit offset.</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The next free instant: whole seconds apart, with a sub-millisecond part that must be truncated.</summary>
    public DateTimeOffset NextTime() => Base.AddSeconds(++_slot).AddTicks(1_234_567);

    public static HaState StateOf(string entityId, string state, JsonObject? attributes, DateTimeOffset updated)
        => new(entityId, state, attributes ?? [], Iso(updated));

    /// <summary>A state_changed event. <paramref name="oldState"/> and <paramref name="newState"/> default to a fresh state.</summary>
    public CorpusCase StateChanged(
        string name,
        string entityId,
        string? state,
        JsonObject? attributes = null,
        string? oldStateValue = null,
        JsonObject? oldAttributes = null,
        string? lastUpdated = null,
        DateTimeOffset? lastUpdatedValue = null,
        JsonObject? ingestor = null,
        JavaScriptEncoder? encoder = null,
        RejectReason? reject = null)
    {
        var time = NextTime();
        var updated = lastUpdatedValue ?? time;
        var fired = time.AddMilliseconds(2);
        var newState = state is null ? null : new HaState(entityId, state, attributes ?? [], lastUpdated ?? Iso(updated));
        var oldState = oldStateValue is null ? null : new HaState(entityId, oldStateValue, oldAttributes ?? attributes?.DeepClone().AsObject() ?? [], Iso(time.AddSeconds(-0.5)));
        var message = HaEventMessage.StateChanged(entityId, oldState, newState, Iso(fired), ingestor, encoder);
        return Add(new CorpusCase(name, message)
        {
            EntityId = entityId,
            OldState = oldState,
            NewState = newState,
            TimeFiredMs = Ms(fired),
            LastUpdatedMs = Ms(updated),
            Ingestor = ingestor,
            Reject = reject,
        });
    }

    public CorpusCase CallService(string name, string domain, string service, JsonObject serviceData)
    {
        var fired = NextTime();
        return Add(new CorpusCase(name, HaEventMessage.CallService(domain, service, serviceData, Iso(fired)))
        {
            EventType = "call_service",
            ServiceDomain = domain,
            Service = service,
            Data = serviceData,
            TimeFiredMs = Ms(fired),
        });
    }

    public CorpusCase Generic(string name, string eventType, JsonObject data)
    {
        var fired = NextTime();
        return Add(new CorpusCase(name, HaEventMessage.Generic(eventType, data, Iso(fired)))
        {
            EventType = eventType,
            Data = data,
            TimeFiredMs = Ms(fired),
        });
    }

    /// <summary>Raw bytes that must be rejected for <paramref name="reason"/>.</summary>
    public CorpusCase Invalid(string name, string json, RejectReason reason)
        => Add(new CorpusCase(name, System.Text.Encoding.UTF8.GetBytes(json)) { Reject = reason });

    /// <summary>Raw bytes (e.g. not UTF-8) that must be rejected for <paramref name="reason"/>.</summary>
    public CorpusCase Invalid(string name, byte[] message, RejectReason reason)
        => Add(new CorpusCase(name, message) { Reject = reason });

    private CorpusCase Add(CorpusCase corpusCase)
    {
        if (_cases.Exists(c => c.Name == corpusCase.Name))
        {
            throw new InvalidOperationException($"Duplicate corpus case name '{corpusCase.Name}'.");
        }

        _cases.Add(corpusCase);
        return corpusCase;
    }
}
