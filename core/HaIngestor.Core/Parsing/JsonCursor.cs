using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// A strict forward-only JSON cursor over UTF-8 bytes (RFC 8259: no comments, no trailing commas), for the event
/// reader's fast path. It accepts only JSON that <see cref="Utf8JsonReader"/> accepts (nesting up to
/// <see cref="MaxDepth"/>), and reports values as the same <see cref="JsonSlice"/>s. Errors are sticky: the first one
/// sets <see cref="Failed"/> and moves to the end, where every further read fails too, so callers check once at the
/// end instead of after every step.
/// </summary>
/// <remarks>
/// Built for speed on Home Assistant messages, which are compact JSON with short strings: the common cases (no
/// whitespace, a string that ends within 32 bytes without escapes) are inlined, everything else goes to out-of-line
/// methods. Containers are validated by one iterative loop with the nesting kept in a bit stack. UTF-8 validity is
/// not checked here: callers validate the whole message first, which is one vectorized pass.
/// </remarks>
internal ref struct JsonCursor
{
    /// <summary>Deeper containers fail here; the reader behind the fast path then decides (it allows 256).</summary>
    public const int MaxDepth = 64;

    private readonly ref byte _first;
    private readonly int _length;
    private int _position;

    public JsonCursor(ReadOnlySpan<byte> json)
    {
        _first = ref MemoryMarshal.GetReference(json);
        _length = json.Length;
    }

    /// <summary>True once anything was malformed (or unsupported, such as a member name with escapes).</summary>
    public bool Failed { get; private set; }

    /// <summary>The index of the next unread byte.</summary>
    public readonly int Position => _position;

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd
    {
        get
        {
            _position = SkipWhitespace(_position);
            return _position == _length;
        }
    }

    /// <summary>Marks the input as failed and moves to its end.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fail()
    {
        Failed = true;
        _position = _length;
    }

    /// <summary>Continues after a value skipped by other means, at <paramref name="position"/>.</summary>
    public void MoveTo(int position) => _position = position;

    /// <summary>The next non-whitespace byte, not consumed (whitespace is); 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        var i = _position;
        if (i < _length)
        {
            var b = At(i);
            if (b > (byte)' ')
            {
                return b;
            }

            _position = i = SkipWhitespace(i);
            return i < _length ? At(i) : (byte)0;
        }

        return 0;
    }

    /// <summary>Consumes <paramref name="expected"/> after optional whitespace, or fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Expect(byte expected)
    {
        if (Peek() == expected)
        {
            _position++;
        }
        else
        {
            Fail();
        }
    }

    /// <summary>
    /// At the start of an object (its '{' next): consumes the '{' and reads the first member name, or the '}' of an
    /// empty object. False when the object is empty or malformed.
    /// </summary>
    public bool FirstMember(out ReadOnlySpan<byte> name)
    {
        Expect((byte)'{');
        if (Peek() == (byte)'}')
        {
            _position++;
            name = default;
            return false;
        }

        return ReadName(out name);
    }

    /// <summary>
    /// After a member's value: consumes the ',' and reads the next member name, or consumes the closing '}'.
    /// False at the end of the object or when malformed.
    /// </summary>
    public bool NextMember(out ReadOnlySpan<byte> name)
    {
        var next = Peek();
        if (next == (byte)',')
        {
            _position++;
            return ReadName(out name);
        }

        if (next == (byte)'}')
        {
            _position++;
        }
        else
        {
            Fail();
        }

        name = default;
        return false;
    }

    /// <summary>
    /// Reads a member name and its ':'. Names with escapes fail: the reader behind the fast path compares them
    /// unescaped. The name is the raw text between the quotes.
    /// </summary>
    private bool ReadName(out ReadOnlySpan<byte> name)
    {
        var key = ReadKey();
        if (key.Escaped)
        {
            Fail();
        }

        name = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _first, key.Start), key.Length);
        return !Failed;
    }

    /// <summary>Reads a member name and its ':', keeping escaped names, for attribute keys kept as slices.</summary>
    public JsonSlice ReadKey()
    {
        if (Peek() != (byte)'"')
        {
            Fail();
            return default;
        }

        var key = ReadString();
        var i = _position;
        if (i < _length && At(i) == (byte)':')
        {
            _position = i + 1;
        }
        else
        {
            Expect((byte)':');
        }

        return key;
    }

    /// <summary>Reads the next value as <see cref="JsonSlice.Capture"/> would: containers whole, validated.</summary>
    public JsonSlice ReadValue()
    {
        var next = Peek();
        var start = _position;
        if (next == (byte)'"')
        {
            return ReadString();
        }

        var end = SkipValueAt(start);
        if (end < 0)
        {
            Fail();
            return default;
        }

        _position = end;
        var kind = next switch
        {
            (byte)'{' => JsonTokenType.StartObject,
            (byte)'[' => JsonTokenType.StartArray,
            (byte)'t' => JsonTokenType.True,
            (byte)'f' => JsonTokenType.False,
            (byte)'n' => JsonTokenType.Null,
            _ => JsonTokenType.Number,
        };
        return new JsonSlice(start, end - start, false, kind);
    }

    /// <summary>Skips the next value, validating it.</summary>
    public void SkipValue()
    {
        Peek();
        var end = SkipValueAt(_position);
        if (end < 0)
        {
            Fail();
        }
        else
        {
            _position = end;
        }
    }

    /// <summary>With the cursor on a '"', reads the string: its content as a slice, escapes checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public JsonSlice ReadString()
    {
        var start = _position + 1;
        var end = FindStringEnd(start, out var escaped);
        if (end < 0)
        {
            Fail();
            return default;
        }

        _position = end + 1;
        return new JsonSlice(start, end - start, escaped, JsonTokenType.String);
    }

    /// <summary>The index of the quote closing the string whose content starts at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int FindStringEnd(int i, out bool escaped)
    {
        if (Vector256.IsHardwareAccelerated && i + Vector256<byte>.Count <= _length)
        {
            var special = Special(Vector256.LoadUnsafe(ref _first, (nuint)i));
            if (special != 0)
            {
                var at = i + BitOperations.TrailingZeroCount(special);
                if (At(at) == (byte)'"')
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
    private readonly int FindStringEndSlow(int i, out bool escaped)
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
                while (i < _length && At(i) >= 0x20 && At(i) != (byte)'"' && At(i) != (byte)'\\')
                {
                    i++;
                }

                if (i == _length)
                {
                    return -1;
                }
            }

            var b = At(i);
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
    private readonly int SkipEscape(int i)
    {
        if (i + 1 >= _length)
        {
            return -1;
        }

        switch (At(i + 1))
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
                    if (!char.IsAsciiHexDigit((char)At(k)))
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
    /// The index past the value starting at <paramref name="i"/> (no whitespace before it), or -1 when malformed or
    /// nested deeper than <see cref="MaxDepth"/>. Containers are walked by one loop: a bit per open container
    /// (1 for an object) tells which closer and which separator rules apply.
    /// </summary>
    private readonly int SkipValueAt(int i)
    {
        ulong objects = 0;
        var depth = 0;
        var length = _length;

    Value:
        if (i >= length)
        {
            return -1;
        }

        switch (At(i))
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
                if (i < length && At(i) == (byte)'}')
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
                if (i < length && At(i) == (byte)']')
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

        if (i < length && At(i) <= (byte)' ')
        {
            i = SkipWhitespace(i);
        }

        if (i >= length)
        {
            return -1;
        }

        var separator = At(i);
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
        if (i >= length || At(i) != (byte)'"')
        {
            return -1;
        }

        i = FindStringEnd(i + 1, out _);
        if (i < 0)
        {
            return -1;
        }

        i = SkipWhitespace(i + 1);
        if (i >= length || At(i) != (byte)':')
        {
            return -1;
        }

        i = SkipWhitespace(i + 1);
        goto Value;
    }

    private readonly int SkipLiteral(int i, ReadOnlySpan<byte> literal)
        => _length - i >= literal.Length
            && MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _first, i), literal.Length).SequenceEqual(literal)
            ? i + literal.Length
            : -1;

    /// <summary>
    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; the index past it, or -1. What follows is checked by the
    /// caller's next step, which accepts only whitespace, ',', '}' or ']' (so "01", "1x" and "1-" fail there).
    /// </summary>
    private readonly int SkipNumber(int i)
    {
        var length = _length;
        if (i < length && At(i) == (byte)'-')
        {
            i++;
        }

        if (i < length && At(i) == (byte)'0')
        {
            i++;
        }
        else if ((i = SkipDigits(i)) < 0)
        {
            return -1;
        }

        if (i < length && At(i) == (byte)'.' && (i = SkipDigits(i + 1)) < 0)
        {
            return -1;
        }

        if (i < length && (At(i) | 0x20) == (byte)'e')
        {
            i++;
            if (i < length && At(i) is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = SkipDigits(i);
        }

        return i;
    }

    /// <summary>The index past one or more digits at <paramref name="i"/>, or -1 when there is none.</summary>
    private readonly int SkipDigits(int i)
    {
        var start = i;
        while (i < _length && (uint)(At(i) - '0') <= 9)
        {
            i++;
        }

        return i > start ? i : -1;
    }

    private readonly int SkipWhitespace(int i)
    {
        while (i < _length && At(i) is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>The byte at <paramref name="i"/>; callers check that <paramref name="i"/> is below the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly byte At(int i) => Unsafe.Add(ref _first, (nint)(uint)i);
}
