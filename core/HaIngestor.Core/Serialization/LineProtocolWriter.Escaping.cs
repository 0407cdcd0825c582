using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HaIngestor.Core.Serialization;

/// <summary>Escaping per element kind.</summary>
public sealed partial class LineProtocolWriter
{
    private static readonly SearchValues<byte> MeasurementSpecials = SearchValues.Create(",\\ \n\r\t#"u8);
    private static readonly SearchValues<byte> NameSpecials = SearchValues.Create(",= \\\n\r\t"u8);
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create("\"\\"u8);

    private enum Element : byte
    {
        Measurement,
        Name,
        StringValue,
    }

    /// <summary>Appends <paramref name="source"/> escaped for <paramref name="element"/>; copies directly when nothing needs escaping.</summary>
    private static void AppendEscaped(ref byte[] target, ref int length, ReadOnlySpan<byte> source, Element element)
    {
        var specials = element switch
        {
            Element.Measurement => MeasurementSpecials,
            Element.Name => NameSpecials,
            _ => StringSpecials,
        };

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
        if (element == Element.StringValue)
        {
            // JSON text has a quote every few bytes: a plain byte loop beats searching for each one.
            length = EscapeStringValue(source, first, output, pos);
            return;
        }

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

    private static int EscapeStringValue(ReadOnlySpan<byte> source, int first, Span<byte> output, int pos)
    {
        // The caller reserved 2 x source.Length bytes after pos (checked once here), so every write below stays
        // inside output and the refs can skip the per-byte bounds checks.
        if (output.Length - pos < source.Length * 2)
        {
            throw new ArgumentException("Output too small for the escaped string.", nameof(output));
        }

        source[..first].CopyTo(output[pos..]);
        pos += first;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(output);
        for (var i = first; i < source.Length; i++)
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
        if (element == Element.StringValue)
        {
            output[pos++] = (byte)'\\';
            output[pos++] = b;
            return pos;
        }

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
