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

    /// <summary>Room past a string field's worst-case length that the vectorized escaper may write into.</summary>
    private const int EscapeSlack = 32;

    private enum Element : byte
    {
        Measurement,
        Name,
        StringValue,
    }

    /// <summary>Appends <paramref name="source"/> escaped for <paramref name="element"/>; copies directly when nothing needs escaping.</summary>
    private static void AppendEscaped(ref byte[] target, ref int length, ReadOnlySpan<byte> source, Element element)
    {
        if (element == Element.StringValue)
        {
            AppendEscapedString(ref target, ref length, source);
            return;
        }

        var specials = element == Element.Measurement ? MeasurementSpecials : NameSpecials;
        var first = source.IndexOfAny(specials);
        if (first < 0)
        {
            EnsureCapacity(ref target, length, source.Length);
            source.CopyTo(target.AsSpan(length));
            length += source.Length;
            return;
        }

        EnsureCapacity(ref target, length, source.Length * 2);
        var output = target.AsSpan();
        var pos = length;
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

            pos = WriteSpecial(output, pos, source, i, element, length);
            i++;
            first = source[i..].IndexOfAny(specials);
            if (first < 0)
            {
                first = source.Length - i;
            }
        }

        length = pos;
    }

    /// <summary>A string field value: a backslash before every <c>"</c> and <c>\</c>, the buffer sized once.</summary>
    private static void AppendEscapedString(ref byte[] target, ref int length, ReadOnlySpan<byte> source)
    {
        // Worst case every byte doubles; the block escaper also stores whole 32-byte vectors past its last byte.
        EnsureCapacity(ref target, length, (source.Length * 2) + EscapeSlack);
        length = Vector256.IsHardwareAccelerated
            ? EscapeStringValueVector(source, target, length)
            : EscapeStringValueScalar(source, target, length);
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
