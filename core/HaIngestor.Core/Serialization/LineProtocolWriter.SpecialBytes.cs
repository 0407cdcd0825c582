using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HaIngestor.Core.Serialization;

/// <summary>Which bytes need escaping, per kind of element, for the vectorized copies of short plain strings.</summary>
public sealed partial class LineProtocolWriter
{
    /// <summary>Marks, byte for byte, the bytes of <c>v</c> that need escaping (all bits set) in one kind of element.</summary>
    private interface ISpecialBytes
    {
        static abstract Vector128<byte> Special(Vector128<byte> v, Element element);
    }

    /// <summary>Measurement, tag keys and values, field keys: see <see cref="SpecialBytes"/>.</summary>
    private readonly struct NameBytes : ISpecialBytes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Special(Vector128<byte> v, Element element) => SpecialBytes(v, element);
    }

    /// <summary>String field values: a quote, a backslash, a line feed or a carriage return.</summary>
    private readonly struct StringValueBytes : ISpecialBytes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Special(Vector128<byte> v, Element element) => QuoteOrBackslash(v);
    }
}
