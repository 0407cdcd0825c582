using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HaIngestor.Core.Serialization;

/// <summary>Escaping per element kind.</summary>
public sealed partial class LineProtocolWriter
{
    private static readonly SearchValues<byte> MeasurementSpecials = SearchValues.Create([.. ",\\ #"u8, .. ControlBytes()]);
    private static readonly SearchValues<byte> NameSpecials = SearchValues.Create([.. ",= \\"u8, .. ControlBytes()]);

    /// <summary>Per 8-bit mask of special bytes: the shuffle control that spreads 8 bytes, leaving a gap before each special.</summary>
    private static readonly byte[] SpreadControl = BuildSpreadTable(backslashes: false);

    /// <summary>Per 8-bit mask of special bytes: a backslash in each gap <see cref="SpreadControl"/> leaves, zero elsewhere.</summary>
    private static readonly byte[] SpreadBackslashes = BuildSpreadTable(backslashes: true);

    /// <summary>Below this length, and without 128-bit vectors, a name is scanned byte by byte.</summary>
    private const int ShortName = 24;

    private const byte NameFlag = 1;
    private const byte MeasurementFlag = 2;

    /// <summary>Room past a string field's worst-case length that the vectorized escaper may write into.</summary>
    private const int EscapeSlack = 32;

    /// <summary>Per ASCII byte: <see cref="NameFlag"/> when names escape it, <see cref="MeasurementFlag"/> when measurements do.</summary>
    private static ReadOnlySpan<byte> SpecialsTable =>
    [
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
    ];

    private enum Element : byte
    {
        Measurement,
        Name,
    }

    /// <summary>
    /// Writes <paramref name="source"/> escaped for a name-like <paramref name="element"/> at <paramref name="pos"/>
    /// and returns the end; the caller reserved 2 x <paramref name="source"/>.Length bytes there.
    /// </summary>
    private static int WriteName(byte[] target, int pos, ReadOnlySpan<byte> source, Element element)
    {
        var length = source.Length;
        if (length is >= 4 and <= 32 && Vector128.IsHardwareAccelerated)
        {
            // Keys and most tag values are 4 to 32 bytes: two overlapping loads cover them, are checked at once and
            // stored back as they are, with no call to a search or a copy.
            var end = TryCopyPlain<NameBytes>(source, target, pos, element);
            if (end >= 0)
            {
                return end;
            }
        }
        else if (length < ShortName)
        {
            // Copying byte by byte while checking a table beats setting up a vector search and a separate copy.
            var flag = element == Element.Measurement ? MeasurementFlag : NameFlag;
            ref var table = ref MemoryMarshal.GetReference(SpecialsTable);
            var plain = target.AsSpan(pos, length);
            for (var i = 0; i < length; i++)
            {
                var b = source[i];
                if (b < 128 && (Unsafe.Add(ref table, b) & flag) != 0)
                {
                    return WriteEscapedName(target, pos, source, i, element);
                }

                plain[i] = b;
            }

            return pos + length;
        }

        var first = source.IndexOfAny(element == Element.Measurement ? MeasurementSpecials : NameSpecials);
        if (first < 0)
        {
            source.CopyTo(target.AsSpan(pos));
            return pos + source.Length;
        }

        return WriteEscapedName(target, pos, source, first, element);
    }

    /// <summary>Non-zero where <paramref name="v"/> holds a byte that <paramref name="element"/> escapes or replaces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> SpecialBytes(Vector128<byte> v, Element element)
        => Vector128.Equals(v, Vector128.Create((byte)','))
            | Vector128.Equals(v, Vector128.Create((byte)' '))
            | Vector128.Equals(v, Vector128.Create((byte)'\\'))
            | Vector128.LessThan(v, Vector128.Create((byte)0x20))
            | Vector128.Equals(v, Vector128.Create((byte)0x7F))
            | Vector128.Equals(v, Vector128.Create(element == Element.Measurement ? (byte)'#' : (byte)'='));

    /// <summary>The rest of <see cref="WriteName"/> from the first byte that needs escaping, at <paramref name="first"/>.</summary>
    private static int WriteEscapedName(byte[] target, int pos, ReadOnlySpan<byte> source, int first, Element element)
    {
        var specials = element == Element.Measurement ? MeasurementSpecials : NameSpecials;
        var output = target.AsSpan();
        var elementStart = pos;
        var i = 0;
        while (true)
        {
            // Copy the plain run up to the next special byte in one go (vectorized search, bulk copy).
            var run = first;
            source.Slice(i, run).CopyTo(output[pos..]);
            pos += run;
            i += run;
            if (i >= source.Length)
            {
                break;
            }

            pos = WriteSpecial(output, pos, source, i, element, elementStart);
            i++;
            first = source[i..].IndexOfAny(specials);
            if (first < 0)
            {
                first = source.Length - i;
            }
        }

        return pos;
    }

    /// <summary>
    /// Escapes 32 bytes at a time without a branch per special byte: a block without a quote, backslash, line feed
    /// or carriage return is one load and one store; otherwise each 8-byte quarter is spread to 8..16 bytes by one
    /// byte shuffle from a table indexed by the quarter's special-byte bits, with the backslashes ORed in from a
    /// second table and line feeds and carriage returns turned into n and r. JSON text, the commonest value, has a
    /// quote every few bytes.
    /// </summary>
    internal static int EscapeStringValueShuffle(ReadOnlySpan<byte> source, byte[] output, int pos)
    {
        // Every store writes 16 or 32 bytes starting at or before the final position, at most pos + 2 x source.Length.
        if (output.Length - pos < (source.Length * 2) + EscapeSlack)
        {
            throw new ArgumentException("Output too small for the escaped string.", nameof(output));
        }

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(output);
        ref var control = ref MemoryMarshal.GetArrayDataReference(SpreadControl);
        ref var backslashes = ref MemoryMarshal.GetArrayDataReference(SpreadBackslashes);
        var length = source.Length;
        var i = 0;
        for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref src, (nuint)i);
            var mask = SpecialBits(v);
            if (mask == 0)
            {
                v.StoreUnsafe(ref dst, (nuint)pos);
                pos += Vector256<byte>.Count;
            }
            else
            {
                pos = Spread(v, mask, 4, ref control, ref backslashes, ref dst, pos);
            }
        }

        return i == length ? pos : EscapeTail(source[i..], ref control, ref backslashes, ref dst, pos);
    }

    /// <summary>
    /// The last 1..31 bytes, through a zero-padded copy (zeros need no escape), so the load never leaves the source;
    /// the padding's output lies past the end and is overwritten by whatever comes next. Its own method: a stack
    /// buffer in the loop's method would keep that method from being recompiled with profile data.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EscapeTail(ReadOnlySpan<byte> rest, ref byte control, ref byte backslashes, ref byte dst, int pos)
    {
        Span<byte> tail = stackalloc byte[Vector256<byte>.Count];
        rest.CopyTo(tail);
        var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(tail));
        var quarters = (rest.Length + 7) / 8;
        return Spread(v, SpecialBits(v), quarters, ref control, ref backslashes, ref dst, pos) - ((quarters * 8) - rest.Length);
    }

    /// <summary>
    /// Escapes a string field value: values of 4 to 32 bytes without a byte to escape (states, names) are checked
    /// and stored with two overlapping loads and stores; the rest goes to the block escaper.
    /// </summary>
    private static int EscapeStringValue(ReadOnlySpan<byte> source, byte[] output, int pos)
    {
        if (!Ssse3.IsSupported || !Vector256.IsHardwareAccelerated)
        {
            return EscapeStringValueScalar(source, output, pos);
        }

        if (source.Length is >= 4 and <= 32)
        {
            var end = TryCopyPlain<StringValueBytes>(source, output, pos, default);
            if (end >= 0)
            {
                return end;
            }
        }

        return EscapeStringValueShuffle(source, output, pos);
    }

    /// <summary>
    /// Copies <paramref name="source"/> (4 to 32 bytes) to <paramref name="target"/> at <paramref name="pos"/> with two
    /// overlapping loads and stores when none of its bytes is special for <typeparamref name="TBytes"/>, and returns
    /// the end; -1, with nothing written, when one is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TryCopyPlain<TBytes>(ReadOnlySpan<byte> source, byte[] target, int pos, Element element)
        where TBytes : struct, ISpecialBytes
    {
        var length = source.Length;
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target.AsSpan(pos, length));
        if (length >= 16)
        {
            var head = Vector128.LoadUnsafe(ref from);
            var tail = Vector128.LoadUnsafe(ref from, (nuint)(length - 16));
            if ((TBytes.Special(head, element) | TBytes.Special(tail, element)) != Vector128<byte>.Zero)
            {
                return -1;
            }

            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(length - 16));
        }
        else if (length >= 8)
        {
            var head = Unsafe.ReadUnaligned<ulong>(ref from);
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, length - 8));
            if (TBytes.Special(Vector128.Create(head, tail).AsByte(), element) != Vector128<byte>.Zero)
            {
                return -1;
            }

            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - 8), tail);
        }
        else
        {
            var head = Unsafe.ReadUnaligned<uint>(ref from);
            var tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, length - 4));
            // Repeated rather than zero-padded: a zero byte is special in names.
            if (TBytes.Special(Vector128.Create(head, tail, head, tail).AsByte(), element) != Vector128<byte>.Zero)
            {
                return -1;
            }

            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - 4), tail);
        }

        return pos + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> QuoteOrBackslash(Vector128<byte> v)
        => Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))
            | Vector128.Equals(v, Vector128.Create((byte)'\n')) | Vector128.Equals(v, Vector128.Create((byte)'\r'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpecialBits(Vector256<byte> v)
        => (Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\\'))
            | Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r'))).ExtractMostSignificantBits();

    /// <summary>Writes the first <paramref name="quarters"/> 8-byte quarters of <paramref name="v"/> escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Spread(Vector256<byte> v, uint mask, int quarters, ref byte control, ref byte backslashes, ref byte dst, int pos)
    {
        var lower = v.GetLower();
        pos = SpreadQuarter(lower, mask & 0xFF, 0, ref control, ref backslashes, ref dst, pos);
        if (quarters > 1)
        {
            pos = SpreadQuarter(lower, (mask >> 8) & 0xFF, 8, ref control, ref backslashes, ref dst, pos);
        }

        if (quarters > 2)
        {
            var upper = v.GetUpper();
            pos = SpreadQuarter(upper, (mask >> 16) & 0xFF, 0, ref control, ref backslashes, ref dst, pos);
            if (quarters > 3)
            {
                pos = SpreadQuarter(upper, mask >> 24, 8, ref control, ref backslashes, ref dst, pos);
            }
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SpreadQuarter(Vector128<byte> lane, uint bits, byte offset, ref byte control, ref byte backslashes, ref byte dst, int pos)
    {
        // Indexes with the high bit set (where a backslash goes) select zero; adding the offset keeps that bit.
        var shuffle = Vector128.LoadUnsafe(ref control, bits * 16) + Vector128.Create(offset);
        var spread = Ssse3.Shuffle(lane, shuffle) | Vector128.LoadUnsafe(ref backslashes, bits * 16);

        // A line feed or carriage return after its backslash becomes the letter n or r: "\n", "\r".
        spread += (Vector128.Equals(spread, Vector128.Create((byte)'\n')) & Vector128.Create((byte)('n' - '\n')))
            | (Vector128.Equals(spread, Vector128.Create((byte)'\r')) & Vector128.Create((byte)('r' - '\r')));
        spread.StoreUnsafe(ref dst, (nuint)pos);
        return pos + 8 + BitOperations.PopCount(bits);
    }

    private static byte[] BuildSpreadTable(bool backslashes)
    {
        var table = new byte[256 * 16];
        for (var bits = 0; bits < 256; bits++)
        {
            var row = table.AsSpan(bits * 16, 16);
            row.Fill(backslashes ? (byte)0 : (byte)0x80);
            var at = 0;
            for (var j = 0; j < 8; j++)
            {
                if ((bits & (1 << j)) != 0)
                {
                    row[at++] = backslashes ? (byte)'\\' : (byte)0x80;
                }

                row[at++] = backslashes ? (byte)0 : (byte)j;
            }
        }

        return table;
    }

    /// <summary>The byte-at-a-time form, for hardware without byte shuffles and 256-bit vectors.</summary>
    internal static int EscapeStringValueScalar(ReadOnlySpan<byte> source, byte[] output, int pos)
    {
        // The caller reserved 2 x source.Length bytes after pos (checked once here), so every write below stays
        // inside output and the refs can skip the per-byte bounds checks.
        if (output.Length - pos < source.Length * 2)
        {
            throw new ArgumentException("Output too small for the escaped string.", nameof(output));
        }

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(output);
        for (var i = 0; i < source.Length; i++)
        {
            var b = Unsafe.Add(ref src, i);
            if (b is (byte)'"' or (byte)'\\')
            {
                Unsafe.Add(ref dst, pos++) = (byte)'\\';
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                Unsafe.Add(ref dst, pos++) = (byte)'\\';
                b = b == '\n' ? (byte)'n' : (byte)'r';
            }

            Unsafe.Add(ref dst, pos++) = b;
        }

        return pos;
    }

    private static int WriteSpecial(Span<byte> output, int pos, ReadOnlySpan<byte> source, int i, Element element, int elementStart)
    {
        var b = source[i];
        switch (b)
        {
            case (byte)',':
            case (byte)' ':
            case (byte)'=' when element == Element.Name:
                output[pos++] = (byte)'\\';
                output[pos++] = b;
                break;
            case < 0x20 or 0x7F:
                // A raw newline would end the line early, and InfluxQL cannot name a measurement or key with a NUL
                // (it ends the query text): no control character is kept in names.
                output[pos++] = (byte)'\\';
                output[pos++] = (byte)' ';
                break;
            case (byte)'\\':
                // InfluxDB 1.x reads a backslash as escaping the next byte; before a delimiter or at the end it
                // would swallow that delimiter and break the line, so it becomes a slash there.
                output[pos++] = i + 1 == source.Length || IsNameDelimiter(source[i + 1]) ? (byte)'/' : b;
                break;
            case (byte)'#' when element == Element.Measurement && pos == elementStart:
                // A line starting with '#' is a comment to InfluxDB.
                output[pos++] = (byte)'_';
                break;
            default:
                output[pos++] = b;
                break;
        }

        return pos;
    }

    private static bool IsNameDelimiter(byte b) => b is (byte)',' or (byte)'=' or (byte)' ' or (byte)'\\' or < 0x20 or 0x7F;

    private static byte[] ControlBytes() => [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), 0x7F];
}
