using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace HaIngestor.Connector.Status;

/// <summary>
/// Events received per domain (or per event type, for events without an entity), for the status page and the demo.
/// Looked up by span, so counting an event allocates nothing once its domain has been seen.
/// </summary>
internal sealed class DomainCounts
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _byDomain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DomainCounts() => _lookup = _byDomain.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Count(string? entityId, string eventType)
    {
        var dot = entityId?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        var key = dot > 0 ? entityId.AsSpan(0, dot) : eventType.AsSpan();
        if (!_lookup.TryGetValue(key, out var count))
        {
            count = _byDomain.GetOrAdd(key.ToString(), static _ => new StrongBox<long>());
        }

        Interlocked.Increment(ref count.Value);
    }

    /// <summary>Domains by count, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByDomain() =>
        [.. _byDomain.Select(p => KeyValuePair.Create(p.Key, Interlocked.Read(ref p.Value.Value)))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)];
}
