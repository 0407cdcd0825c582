using System.Text;

namespace HaIngestor.Connector.Transports.EventHubs;

/// <summary>
/// Maps a partition key to one of the hub's partitions with a hash of our own: FNV-1a (64-bit) over the key's UTF-8
/// bytes, modulo the partition count, into the partition ids as the service lists them. Event Hubs' own partition-key
/// hashing runs in the service and is not public, so sending with a partition key cannot be grouped client-side;
/// sending with explicit partition ids can, and the same key lands on the same partition for as long as the
/// partition count stays the same (it only grows on Premium and Dedicated tiers, by an operator's decision).
/// </summary>
internal static class PartitionMap
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The index, in <c>0..partitionCount-1</c>, of the partition that carries <paramref name="partitionKey"/>.</summary>
    public static int IndexOf(string partitionKey, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        Span<byte> stack = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(partitionKey.Length);
        var bytes = max <= stack.Length ? stack : new byte[max];
        var length = Encoding.UTF8.GetBytes(partitionKey, bytes);
        var hash = OffsetBasis;
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * Prime;
        }

        return (int)(hash % (ulong)partitionCount);
    }
}
