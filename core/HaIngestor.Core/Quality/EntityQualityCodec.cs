using System.Buffers.Binary;

namespace HaIngestor.Core.Quality;

/// <summary>
/// The compact binary form of an entity's state for shared storage: a version byte, then fixed-width little-endian
/// fields (151 bytes). The status is not in it: it is shared separately, by whoever reports it.
/// </summary>
internal static class EntityQualityCodec
{
    public const byte Version = 1;

    public const int Length = 47 + (IntervalHistogram.BucketCount * sizeof(float));

    public static byte[] Encode(EntityQuality entity)
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], entity.LastSeenTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], entity.UnavailableSinceTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[17..], entity.IntervalCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[21..], entity.SinceFade);
        BinaryPrimitives.WriteSingleLittleEndian(span[25..], entity.Changes);
        BinaryPrimitives.WriteSingleLittleEndian(span[29..], entity.UnavailableChanges);
        BinaryPrimitives.WriteSingleLittleEndian(span[33..], entity.UnknownChanges);
        BinaryPrimitives.WriteDoubleLittleEndian(span[37..], entity.LastValue);
        span[45] = (byte)entity.Range;
        span[46] = entity.OutOfRange ? (byte)1 : (byte)0;
        for (var i = 0; i < IntervalHistogram.BucketCount; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(47 + (i * sizeof(float)))..], entity.Intervals[i]);
        }

        return bytes;
    }

    /// <summary>Reads an encoded state into <paramref name="entity"/>; false (and nothing changed) when it is not one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> span, EntityQuality entity)
    {
        if (span.Length != Length || span[0] != Version || span[45] > (byte)RangeClass.TotalIncreasing)
        {
            return false;
        }

        var lastSeen = BinaryPrimitives.ReadInt64LittleEndian(span[1..]);
        var unavailableSince = BinaryPrimitives.ReadInt64LittleEndian(span[9..]);
        if (lastSeen < 0 || lastSeen > DateTimeOffset.MaxValue.UtcTicks || unavailableSince < 0 || unavailableSince > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        entity.LastSeenTicks = lastSeen;
        entity.UnavailableSinceTicks = unavailableSince;
        entity.IntervalCount = Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(span[17..]));
        entity.SinceFade = Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(span[21..]));
        entity.Changes = NonNegative(BinaryPrimitives.ReadSingleLittleEndian(span[25..]));
        entity.UnavailableChanges = NonNegative(BinaryPrimitives.ReadSingleLittleEndian(span[29..]));
        entity.UnknownChanges = NonNegative(BinaryPrimitives.ReadSingleLittleEndian(span[33..]));
        entity.LastValue = BinaryPrimitives.ReadDoubleLittleEndian(span[37..]);
        entity.Range = (RangeClass)span[45];
        entity.OutOfRange = span[46] != 0;
        for (var i = 0; i < IntervalHistogram.BucketCount; i++)
        {
            entity.Intervals[i] = NonNegative(BinaryPrimitives.ReadSingleLittleEndian(span[(47 + (i * sizeof(float)))..]));
        }

        return true;
    }

    private static float NonNegative(float value) => float.IsFinite(value) && value > 0 ? value : 0;
}
