using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Strict JSON reading primitives over UTF-8 bytes (RFC 8259: no comments, no trailing commas), for the event
/// reader's fast path. They accept only JSON that <see cref="Utf8JsonReader"/> accepts (nesting up to
/// <see cref="MaxDepth"/>), and report values as the same <see cref="JsonSlice"/>s.
/// </summary>
/// <remarks>
/// Every primitive takes the index to read at and returns the index after what it read, or -1 when that is malformed.
/// A negative index reads as the end of the input, so a failure carries through every later step and callers check
/// once, at the end. Keeping the position in the caller's register rather than in a field is what makes this fast:
/// a field would be stored and reloaded at every step. The common cases of Home Assistant's compact JSON (no
/// whitespace, a string that ends within 32 bytes without escapes) are inlined; the rest is out of line. UTF-8
/// validity is not checked here: callers validate the whole message first, in one vectorized pass.
/// </remarks>
internal readonly ref struct JsonCursor
{
    /// <summary>Deeper containers fail here; the reader behind the fast path then decides (it allows 256).</summary>
    public const int MaxDepth = 64;

    private readonly ref byte _first;
    private readonly int _length;

    public JsonCursor(ReadOnlySpan<byte> json)
    {
        _first = ref MemoryMarshal.GetReference(json);
        _length = json.Length;
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 at the end or after a failure (a negative index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte At(int i) => (uint)i < (uint)_length ? Unsafe.Add(ref _first, (nint)(uint)i) : (byte)0;

    /// <summary>True when only whitespace is left from <paramref name="i"/> on (false after a failure).</summary>
    public bool IsEnd(int i) => i >= 0 && SkipWhitespace(i) == _length;

    /// <summary>The bytes of a slice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Text(JsonSlice slice)
        => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _first, (nint)(uint)slice.Start), slice.Length);

    /// <summary>The index of the first non-whitespace byte from <paramref name="i"/> on; inlined for compact JSON.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SkipWhitespace(int i) => (uint)i < (uint)_length && Byte(i) <= (byte)' ' ? SkipWhitespaceSlow(i) : i;

    /// <summary>
    /// At a '{' (whitespace allowed before it): the index of the first member's name (its '"') or of the '}' of an
    /// empty object; -1 when there is no '{'.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EnterObject(int i)
    {
        i = SkipWhitespace(i);
        return At(i) == (byte)'{' ? SkipWhitespace(i + 1) : -1;
    }

    /// <summary>
    /// At a member name (its '"'): the name and the index of its value (after the ':' and any whitespace), or -1.
    /// Names with escapes give -1 too: the reader path compares them unescaped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Name(int i, out JsonSlice name)
    {
        i = ReadString(i, out name);
        if (name.Escaped)
        {
            return -1;
        }

        if (At(i) == (byte)':')
        {
            return SkipWhitespace(i + 1);
        }

        i = SkipWhitespace(i);
        return At(i) == (byte)':' ? SkipWhitespace(i + 1) : -1;
    }

    /// <summary>
    /// After a member's value: the index of the next member's name (its '"') after a ',', or of the object's '}' (not
    /// consumed: see <see cref="ExitObject"/>); -1 when neither follows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextMember(int i)
    {
        i = SkipWhitespace(i);
        var b = At(i);
        if (b == (byte)',')
        {
            i = SkipWhitespace(i + 1);
            return At(i) == (byte)'"' ? i : -1;
        }

        return b == (byte)'}' ? i : -1;
    }

    /// <summary>At the '}' a member loop stopped on: the index after it, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ExitObject(int i) => At(i) == (byte)'}' ? i + 1 : -1;

    /// <summary>At a value (no whitespace before it): the value as <see cref="JsonSlice.Capture"/> would give it,
    /// containers whole and validated, and the index after it; or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Value(int i, out JsonSlice value)
    {
        var b = At(i);
        if (b == (byte)'"')
        {
            return ReadString(i, out value);
        }

        if ((uint)(b - '0') <= 9 || b == (byte)'-')
        {
            var end = SkipNumber(i);
            value = end < 0 ? default : new JsonSlice(i, end - i, false, JsonTokenType.Number);
            return end;
        }

        return OtherValue(i, out value);
    }

    /// <summary>At a value (no whitespace before it): the index after it, validated; or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Skip(int i) => i < 0 ? -1 : SkipValue(i);

    /// <summary>At a '"': the string's content as a slice, escapes checked, and the index after its closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadString(int i, out JsonSlice value)
    {
        if (At(i) == (byte)'"')
        {
            var start = i + 1;
            var end = FindStringEnd(start, out var escaped);
            if (end >= 0)
            {
                value = new JsonSlice(start, end - start, escaped, JsonTokenType.String);
                return end + 1;
            }
        }

        value = default;
        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int OtherValue(int i, out JsonSlice value)
    {
        var kind = At(i) switch
        {
            (byte)'{' => JsonTokenType.StartObject,
            (byte)'[' => JsonTokenType.StartArray,
            (byte)'t' => JsonTokenType.True,
            (byte)'f' => JsonTokenType.False,
            (byte)'n' => JsonTokenType.Null,
            _ => JsonTokenType.Number,
        };
        var end = i < 0 ? -1 : SkipValue(i);
        value = end < 0 ? default : new JsonSlice(i, end - i, false, kind);
        return end;
    }

    /// <summary>The index of the quote closing the string whose content starts at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindStringEnd(int i, out bool escaped)
    {
        // Two blocks inline: Home Assistant's timestamps and user ids are exactly 32 bytes long.
        if (Vector256.IsHardwareAccelerated && i + (2 * Vector256<byte>.Count) <= _length)
        {
            var special = Special(Vector256.LoadUnsafe(ref _first, (nuint)i));
            var at = i;
            if (special == 0)
            {
                at += Vector256<byte>.Count;
                special = Special(Vector256.LoadUnsafe(ref _first, (nuint)at));
            }

            if (special != 0)
            {
                at += BitOperations.TrailingZeroCount(special);
                if (Byte(at) == (byte)'"')
                {
                    escaped = false;
                    return at;
                }
            }
        }

        return FindStringEndSlow(i, out escaped);
    }

    /// <summary>Quotes, backslashes and control characters in 32 bytes, one bit each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Special(Vector256<byte> v)
        => (Vector256.Equals(v, Vector256.Create((byte)'"'))
            | Vector256.Equals(v, Vector256.Create((byte)'\\'))
            | Vector256.LessThan(v, Vector256.Create((byte)0x20))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindStringEndSlow(int i, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            if (Vector256.IsHardwareAccelerated && i + Vector256<byte>.Count <= _length)
            {
                var special = Special(Vector256.LoadUnsafe(ref _first, (nuint)i));
                if (special == 0)
                {
                    i += Vector256<byte>.Count;
                    continue;
                }

                i += BitOperations.TrailingZeroCount(special);
            }
            else
            {
                while (i < _length && Byte(i) >= 0x20 && Byte(i) != (byte)'"' && Byte(i) != (byte)'\\')
                {
                    i++;
                }

                if (i == _length)
                {
                    return -1;
                }
            }

            var b = Byte(i);
            if (b == (byte)'"')
            {
                return i;
            }

            if (b != (byte)'\\')
            {
                return -1;
            }

            i = SkipEscape(i);
            if (i < 0)
            {
                return -1;
            }

            escaped = true;
        }
    }

    /// <summary>At a backslash: the index past a valid escape (\" \\ \/ \b \f \n \r \t \uXXXX), or -1.</summary>
    private int SkipEscape(int i)
    {
        if (i + 1 >= _length)
        {
            return -1;
        }

        switch (Byte(i + 1))
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 2;
            case (byte)'u':
                if (i + 6 > _length)
                {
                    return -1;
                }

                for (var k = i + 2; k < i + 6; k++)
                {
                    if (!char.IsAsciiHexDigit((char)Byte(k)))
                    {
                        return -1;
                    }
                }

                return i + 6;
            default:
                return -1;
        }
    }

    /// <summary>
    /// The index past the value starting at <paramref name="i"/> (no whitespace before it, 0 or more), or -1 when
    /// malformed or nested deeper than <see cref="MaxDepth"/>. Containers are walked by one loop: a bit per open
    /// container (1 for an object) tells which closer and which separator rules apply.
    /// </summary>
    private int SkipValue(int i)
    {
        ulong objects = 0;
        var depth = 0;
        var length = _length;

    Value:
        if (i >= length)
        {
            return -1;
        }

        switch (Byte(i))
        {
            case (byte)'"':
                i = FindStringEnd(i + 1, out _);
                if (i < 0)
                {
                    return -1;
                }

                i++;
                goto AfterValue;
            case (byte)'{':
                i = SkipWhitespace(i + 1);
                if (i < length && Byte(i) == (byte)'}')
                {
                    i++;
                    goto AfterValue;
                }

                if (++depth > MaxDepth)
                {
                    return -1;
                }

                objects = (objects << 1) | 1;
                goto Key;
            case (byte)'[':
                i = SkipWhitespace(i + 1);
                if (i < length && Byte(i) == (byte)']')
                {
                    i++;
                    goto AfterValue;
                }

                if (++depth > MaxDepth)
                {
                    return -1;
                }

                objects <<= 1;
                goto Value;
            case (byte)'t':
                i = SkipLiteral(i, "true"u8);
                break;
            case (byte)'f':
                i = SkipLiteral(i, "false"u8);
                break;
            case (byte)'n':
                i = SkipLiteral(i, "null"u8);
                break;
            default:
                i = SkipNumber(i);
                break;
        }

        if (i < 0)
        {
            return -1;
        }

    AfterValue:
        if (depth == 0)
        {
            return i;
        }

        i = SkipWhitespace(i);
        if (i >= length)
        {
            return -1;
        }

        var separator = Byte(i);
        if (separator == (byte)',')
        {
            i = SkipWhitespace(i + 1);
            if ((objects & 1) != 0)
            {
                goto Key;
            }

            goto Value;
        }

        if (separator != ((objects & 1) != 0 ? (byte)'}' : (byte)']'))
        {
            return -1;
        }

        objects >>= 1;
        depth--;
        i++;
        goto AfterValue;

    Key:
        if (i >= length || Byte(i) != (byte)'"')
        {
            return -1;
        }

        i = FindStringEnd(i + 1, out _);
        if (i < 0)
        {
            return -1;
        }

        i = SkipWhitespace(i + 1);
        if (i >= length || Byte(i) != (byte)':')
        {
            return -1;
        }

        i = SkipWhitespace(i + 1);
        goto Value;
    }

    private int SkipLiteral(int i, ReadOnlySpan<byte> literal)
        => _length - i >= literal.Length
            && MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _first, i), literal.Length).SequenceEqual(literal)
            ? i + literal.Length
            : -1;

    /// <summary>
    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; the index past it, or -1. What follows is checked by the
    /// caller's next step, which accepts only whitespace, ',', '}' or ']' (so "01", "1x" and "1-" fail there).
    /// </summary>
    private int SkipNumber(int i)
    {
        var length = _length;
        if (i < length && Byte(i) == (byte)'-')
        {
            i++;
        }

        if (i < length && Byte(i) == (byte)'0')
        {
            i++;
        }
        else if ((i = SkipDigits(i)) < 0)
        {
            return -1;
        }

        if (i < length && Byte(i) == (byte)'.' && (i = SkipDigits(i + 1)) < 0)
        {
            return -1;
        }

        if (i < length && (Byte(i) | 0x20) == (byte)'e')
        {
            i++;
            if (i < length && Byte(i) is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = SkipDigits(i);
        }

        return i;
    }

    /// <summary>The index past one or more digits at <paramref name="i"/>, or -1 when there is none.</summary>
    private int SkipDigits(int i)
    {
        var start = i;
        while (i < _length && (uint)(Byte(i) - '0') <= 9)
        {
            i++;
        }

        return i > start ? i : -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int SkipWhitespaceSlow(int i)
    {
        while (i < _length && Byte(i) is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>The byte at <paramref name="i"/>; callers check that 0 &lt;= <paramref name="i"/> &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Byte(int i) => Unsafe.Add(ref _first, (nint)(uint)i);
}
