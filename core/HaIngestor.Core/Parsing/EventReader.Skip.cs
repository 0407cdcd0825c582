using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Skipping the objects the mapping never reads (an old state's attributes, a state's context) with a vectorized
/// structural scan instead of tokenizing them: they are a large part of every state_changed message.
/// </summary>
internal static partial class EventReader
{
    /// <summary>Deeper values go through the reader, which also enforces the maximum depth.</summary>
    private const int MaxSkipDepth = 64;

    /// <summary>
    /// With the reader on a member name whose value is an object, skips that value by scanning it, checking only
    /// that its strings end without raw control characters and its brackets balance, then resumes a reader after it
    /// from <paramref name="afterPreviousValue"/> (the state before the member name, which expects the ',' or '}'
    /// that follows a value). False, with the reader untouched, when the value is no object or the scan finds it
    /// malformed: the caller then reads it with the reader, which reports any error as before.
    /// </summary>
    private static bool TrySkipObject(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> message,
        ref int offset,
        JsonReaderState afterPreviousValue,
        out JsonSlice skipped)
    {
        skipped = default;
        var start = offset + (int)reader.BytesConsumed;
        while (start < message.Length && message[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            start++;
        }

        if (start >= message.Length || message[start] != (byte)'{')
        {
            return false;
        }

        var end = ScanObject(message, start);
        if (end < 0)
        {
            return false;
        }

        skipped = new JsonSlice(start, end - start, false, JsonTokenType.StartObject);
        reader = new Utf8JsonReader(message[end..], isFinalBlock: true, afterPreviousValue);
        offset = end;
        return true;
    }

    /// <summary>
    /// With the reader on an old state's attributes member name, skips the attributes object and every member after
    /// it up to the end of the state object <paramref name="stateStart"/> by scanning, recording both objects, and
    /// resumes a reader after the state from <paramref name="afterParentValue"/>. False, with the reader untouched,
    /// when the attributes are no object or the scan finds anything malformed.
    /// </summary>
    private static bool TrySkipRest(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> message,
        ref int offset,
        int stateStart,
        JsonReaderState afterParentValue,
        ref StateView state)
    {
        var start = offset + (int)reader.BytesConsumed;
        while (start < message.Length && message[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            start++;
        }

        var end = start < message.Length && message[start] == (byte)'{' ? SkipRest(message, start, stateStart, ref state) : -1;
        if (end < 0)
        {
            return false;
        }

        reader = new Utf8JsonReader(message[end..], isFinalBlock: true, afterParentValue);
        offset = end;
        return true;
    }

    /// <summary>
    /// At an old state's attributes object (<paramref name="attributesStart"/>, a '{'): skips it and the rest of the state
    /// object <paramref name="stateStart"/> by scanning, records both objects, and returns the index after the state;
    /// -1, with <paramref name="state"/> untouched, when the scan finds either malformed. Used by both reading paths.
    /// </summary>
    private static int SkipRest(ReadOnlySpan<byte> message, int attributesStart, int stateStart, ref StateView state)
    {
        var attributesEnd = ScanObject(message, attributesStart);
        var end = attributesEnd < 0 ? -1 : ScanToClose(message, attributesEnd);
        if (end < 0)
        {
            return -1;
        }

        state.Attributes = new JsonSlice(attributesStart, attributesEnd - attributesStart, false, JsonTokenType.StartObject);
        state.Self = new JsonSlice(stateStart, end - stateStart, false, JsonTokenType.StartObject);
        return end;
    }

    /// <summary>The index just past the object starting at <paramref name="start"/>, or -1 when malformed.</summary>
    /// <remarks>
    /// Classifies 32 bytes at a time: quotes give the in-string mask by prefix XOR, so only the few brackets
    /// outside strings are visited one by one. Blocks with a backslash, and the tail, go byte by byte.
    /// </remarks>
    internal static int ScanObject(ReadOnlySpan<byte> message, int start) => ScanToClose(message, start + 1);

    /// <summary>
    /// The index just past the '}' that closes the object <paramref name="i"/> is in (outside any string or nested
    /// container), or -1 when malformed.
    /// </summary>
    private static int ScanToClose(ReadOnlySpan<byte> message, int i)
    {
        // One bit per open container, 1 for an object: the closer must match.
        var scan = new ScanState { Objects = 1, Depth = 1 };
        ref var first = ref MemoryMarshal.GetReference(message);
        if (Vector256.IsHardwareAccelerated)
        {
            var quoteByte = Vector256.Create((byte)'"');
            var backslashByte = Vector256.Create((byte)'\\');
            var controlLimit = Vector256.Create((byte)0x20);
            var braceOpen = Vector256.Create((byte)'{');
            var braceClose = Vector256.Create((byte)'}');
            var bracketOpen = Vector256.Create((byte)'[');
            var bracketClose = Vector256.Create((byte)']');
            while (i + Vector256<byte>.Count <= message.Length)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)i);
                var backslashes = Vector256.Equals(v, backslashByte).ExtractMostSignificantBits();
                if (backslashes != 0 || scan.Escape)
                {
                    var end = ScanBytes(message, i, i + Vector256<byte>.Count, ref scan);
                    if (end != 0)
                    {
                        return end;
                    }

                    i += Vector256<byte>.Count;
                    continue;
                }

                var quotes = Vector256.Equals(v, quoteByte).ExtractMostSignificantBits();
                var inside = quotes;
                inside ^= inside << 1;
                inside ^= inside << 2;
                inside ^= inside << 4;
                inside ^= inside << 8;
                inside ^= inside << 16;
                if (scan.InString)
                {
                    inside = ~inside;
                }

                var controls = Vector256.LessThan(v, controlLimit).ExtractMostSignificantBits();
                if ((controls & inside) != 0)
                {
                    return -1;
                }

                scan.InString ^= (BitOperations.PopCount(quotes) & 1) != 0;
                var opens = (Vector256.Equals(v, braceOpen) | Vector256.Equals(v, bracketOpen)).ExtractMostSignificantBits();
                var closes = (Vector256.Equals(v, braceClose) | Vector256.Equals(v, bracketClose)).ExtractMostSignificantBits();
                var structural = (opens | closes) & ~inside;
                while (structural != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(structural);
                    structural &= structural - 1;
                    var end = Bracket(message[at], at, ref scan);
                    if (end != 0)
                    {
                        return end;
                    }
                }

                i += Vector256<byte>.Count;
            }
        }

        var tailEnd = ScanBytes(message, i, message.Length, ref scan);
        return tailEnd == 0 ? -1 : tailEnd;
    }

    /// <summary>Scans [<paramref name="from"/>, <paramref name="to"/>) byte by byte: 0 to go on, else the result.</summary>
    private static int ScanBytes(ReadOnlySpan<byte> message, int from, int to, ref ScanState scan)
    {
        for (var j = from; j < to; j++)
        {
            var b = message[j];
            if (scan.Escape)
            {
                // The escaped byte is taken as is: the mapping never reads these strings.
                if (b < 0x20)
                {
                    return -1;
                }

                scan.Escape = false;
            }
            else if (scan.InString)
            {
                if (b == (byte)'"')
                {
                    scan.InString = false;
                }
                else if (b == (byte)'\\')
                {
                    scan.Escape = true;
                }
                else if (b < 0x20)
                {
                    return -1;
                }
            }
            else if (b == (byte)'"')
            {
                scan.InString = true;
            }
            else if (b is (byte)'{' or (byte)'[' or (byte)'}' or (byte)']')
            {
                var end = Bracket(b, j, ref scan);
                if (end != 0)
                {
                    return end;
                }
            }
        }

        return 0;
    }

    /// <summary>Applies a bracket outside strings: 0 to go on, -1 when malformed, else the index past the object.</summary>
    private static int Bracket(byte b, int at, ref ScanState scan)
    {
        if (b is (byte)'{' or (byte)'[')
        {
            if (scan.Depth == MaxSkipDepth)
            {
                return -1;
            }

            scan.Objects = (scan.Objects << 1) | (b == (byte)'{' ? 1UL : 0UL);
            scan.Depth++;
            return 0;
        }

        if ((scan.Objects & 1) != (b == (byte)'}' ? 1UL : 0UL))
        {
            return -1;
        }

        scan.Objects >>= 1;
        return --scan.Depth == 0 ? at + 1 : 0;
    }

    private struct ScanState
    {
        public ulong Objects;
        public int Depth;
        public bool InString;
        public bool Escape;
    }
}
