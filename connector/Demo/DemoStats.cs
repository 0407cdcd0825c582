using System.Collections.Concurrent;

namespace HaIngestor.Connector.Demo;

/// <summary>Counts events per domain (or event type, for events without an entity) for the demo display.</summary>
internal sealed class DemoStats
{
    private readonly ConcurrentDictionary<string, long> _byDomain = new(StringComparer.Ordinal);

    public void Count(string? entityId, string eventType)
    {
        var dot = entityId?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        var key = dot > 0 ? entityId![..dot] : eventType;
        _byDomain.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    /// <summary>Domains by count, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByDomain() =>
        [.. _byDomain.ToArray().OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)];
}
