using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HaIngestor.Core.Serialization;

/// <summary>Escaping per element kind.</summary>
public sealed partial class LineProtocolWriter
{
    private static readonly SearchValues<byte> MeasurementSpecials = SearchValues.Create(",\\ \n\r\t#"u8);
    private static readonly SearchValues<byte> NameSpecials = SearchValues.Create(",= \\\n\r\t"u8);

    /// <summary>Below this length a name is scanned byte by byte.</summary>
    private const int ShortName = 24;

    private const byte NameFlag = 1;
    private const byte MeasurementFlag = 2;

    /// <summary>Room past a string field's worst-case length that the vectorized escaper may write into.</summary>
    private const int EscapeSlack = 32;

    /// <summary>Per ASCII byte: <see cref="NameFlag"/> when names escape it, <see cref="MeasurementFlag"/> when measurements do.</summary>
    private static ReadOnlySpan<byte> SpecialsTable =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 3, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        3, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
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
        if (source.Length < ShortName)
        {
            // Keys and most tag values are a few bytes long: copying byte by byte while checking a table beats
            // setting up a vector search and a separate copy.
            var flag = element == Element.Measurement ? MeasurementFlag : NameFlag;
            ref var table = ref MemoryMarshal.GetReference(SpecialsTable);
            var plain = target.AsSpan(pos, source.Length);
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                if (b < 128 && (Unsafe.Add(ref table, b) & flag) != 0)
                {
                    return WriteEscapedName(target, pos, source, i, element);
                }

                plain[i] = b;
            }

            return pos + source.Length;
        }

        var first = source.IndexOfAny(element == Element.Measurement ? MeasurementSpecials : NameSpecials);
        if (first < 0)
        {
            source.CopyTo(target.AsSpan(pos));
            return pos + source.Length;
        }

        return WriteEscapedName(target, pos, source, first, element);
    }

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
    /// Escapes 32 bytes at a time: a block without a quote or backslash is one load and one store; otherwise each
    /// run between specials is copied as a whole vector (the surplus is overwritten by the next store), with a
    /// backslash in between. JSON text, the commonest value, has a quote every few bytes, which this handles
    /// without a per-byte branch.
    /// </summary>
    internal static int EscapeStringValueVector(ReadOnlySpan<byte> source, byte[] output, int pos)
    {
        // Every store writes 32 bytes at or before the final position, which is at most pos + 2 x source.Length.
        if (output.Length - pos < (source.Length * 2) + EscapeSlack)
        {
            throw new ArgumentException("Output too small for the escaped string.", nameof(output));
        }

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(output);
        var length = source.Length;
        var i = 0;

        // A block's runs are loaded from their own start, up to 63 bytes past the block start: stay 64 bytes clear
        // of the end of the source.
        for (; i <= length - (2 * Vector256<byte>.Count); i += Vector256<byte>.Count)
        {
            pos = EscapeBlock(ref Unsafe.Add(ref src, i), Vector256<byte>.Count, ref dst, pos);
        }

        var rest = length - i;
        if (rest == 0)
        {
            return pos;
        }

        // The last 0..63 bytes go through a zero-padded copy, so the loads there never leave the source.
        Span<byte> tail = stackalloc byte[4 * Vector256<byte>.Count];
        source[i..].CopyTo(tail);
        ref var t = ref MemoryMarshal.GetReference(tail);
        for (var b = 0; b < rest; b += Vector256<byte>.Count)
        {
            pos = EscapeBlock(ref Unsafe.Add(ref t, b), Math.Min(Vector256<byte>.Count, rest - b), ref dst, pos);
        }

        return pos;
    }

    /// <summary>Escapes the first <paramref name="blockLength"/> (1..32) bytes at <paramref name="block"/>, which has 64 readable bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EscapeBlock(ref byte block, int blockLength, ref byte dst, int pos)
    {
        var v = Vector256.LoadUnsafe(ref block);
        var mask = (Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\\')))
            .ExtractMostSignificantBits();
        if (blockLength < Vector256<byte>.Count)
        {
            mask &= (1u << blockLength) - 1;
        }

        if (mask == 0)
        {
            v.StoreUnsafe(ref dst, (nuint)pos);
            return pos + blockLength;
        }

        var start = 0;
        do
        {
            var special = BitOperations.TrailingZeroCount(mask);
            Vector256.LoadUnsafe(ref block, (nuint)start).StoreUnsafe(ref dst, (nuint)pos);
            pos += special - start;
            Unsafe.Add(ref dst, pos++) = (byte)'\\';
            start = special;
            mask &= mask - 1;
        }
        while (mask != 0);

        Vector256.LoadUnsafe(ref block, (nuint)start).StoreUnsafe(ref dst, (nuint)pos);
        return pos + blockLength - start;
    }

    /// <summary>The byte-at-a-time form, for hardware without 256-bit vectors.</summary>
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
            case (byte)'\n' or (byte)'\r' or (byte)'\t':
                // A raw newline would end the line early; InfluxDB keeps no unescaped form of these in names.
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

    private static bool IsNameDelimiter(byte b) => b is (byte)',' or (byte)'=' or (byte)' ' or (byte)'\\' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}
