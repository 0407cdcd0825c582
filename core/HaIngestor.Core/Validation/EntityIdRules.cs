using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HaIngestor.Core.Validation;

/// <summary>
/// Entity ids are <c>domain.object_id</c>: exactly one dot, both parts non-empty, only ASCII lowercase letters,
/// digits and underscores, at most 255 bytes. Stricter than nothing, looser than Home Assistant's own rule (which
/// also forbids leading, trailing and double underscores): anything that could be injected is rejected.
/// </summary>
internal static class EntityIdRules
{
    public const int MaxLength = 255;

    /// <summary>True when valid; <paramref name="dot"/> is then the index of the dot.</summary>
    public static bool IsValid(ReadOnlySpan<byte> entityId, out int dot)
    {
        dot = -1;
        if (entityId.IsEmpty || entityId.Length > MaxLength)
        {
            return false;
        }

        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Every event is checked and ids run to 20-40 bytes: 16 at a time, the rest byte by byte.
            ref var start = ref MemoryMarshal.GetReference(entityId);
            for (; i <= entityId.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var dots = Vector128.Equals(v, Vector128.Create((byte)'.'));
                var allowed = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')))
                    | Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9))
                    | Vector128.Equals(v, Vector128.Create((byte)'_'))
                    | dots;
                if (allowed != Vector128<byte>.AllBitsSet)
                {
                    return false;
                }

                var dotBits = dots.ExtractMostSignificantBits();
                if (dotBits != 0)
                {
                    if (dot >= 0 || (dotBits & (dotBits - 1)) != 0)
                    {
                        return false;
                    }

                    dot = i + BitOperations.TrailingZeroCount(dotBits);
                }
            }
        }

        for (; i < entityId.Length; i++)
        {
            var b = entityId[i];
            if (b == '.')
            {
                if (dot >= 0)
                {
                    return false;
                }

                dot = i;
            }
            else if (!((uint)(b - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '_'))
            {
                return false;
            }
        }

        return dot > 0 && dot < entityId.Length - 1;
    }
}
