using System.Text;

using System.Globalization;

namespace HaIngestor.Core.Normalization;

/// <summary>
/// What a state string means as a number. Numbers: optional sign, digits, optional decimal point and exponent,
/// invariant culture, no white space, no thousands separators, no hex; NaN, infinities and overflows (1e309) are
/// not numbers; <c>-0</c> is 0. Boolean-like states map to 1/0 by a fixed table (see docs/SCHEMA.md).
/// </summary>
internal static class StateValues
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Digits every double holds exactly as an integer (10^15 &lt; 2^53).</summary>
    private const int MaxShortDigits = 15;

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>A finite number by the rules above.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParseShortDecimal(text, out value))
        {
            return true;
        }

        if (text.IsEmpty || !IsNumberStart(text[0]) || !double.TryParse(text, Styles, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            value = 0;
            return false;
        }

        // Adding +0 turns -0 into +0, so "-0" and "0" write the same value.
        value += 0d;
        return true;
    }

    /// <summary>A JSON number token as a finite double (-0 as 0); false for overflows such as 1e999.</summary>
    public static bool TryParseJsonNumber(ReadOnlySpan<byte> json, out double value)
    {
        if (TryParseShortDecimal(json, out value))
        {
            return true;
        }

        if (!System.Buffers.Text.Utf8Parser.TryParse(json, out value, out var consumed) || consumed != json.Length || !double.IsFinite(value))
        {
            value = 0;
            return false;
        }

        value += 0d;
        return true;
    }

    /// <summary>True when the text is NaN or an infinity the way Python's float() reads them (Home Assistant drops those).</summary>
    public static bool IsNonFiniteWord(ReadOnlySpan<byte> text)
    {
        if (!text.IsEmpty && (text[0] == '+' || text[0] == '-'))
        {
            text = text[1..];
        }

        return Ascii.EqualsIgnoreCase(text, "nan"u8) || Ascii.EqualsIgnoreCase(text, "inf"u8) || Ascii.EqualsIgnoreCase(text, "infinity"u8);
    }

    /// <summary>The default schema's boolean-like states.</summary>
    public static bool TryBooleanLike(ReadOnlySpan<byte> state, out double value)
    {
        var meaning = BooleanLike(state);
        value = meaning > 0 ? 1 : 0;
        return meaning >= 0;
    }

    /// <summary>Home Assistant's own <c>state_helper.state_as_number</c> table (its InfluxDB integration uses it).</summary>
    public static bool TryHomeAssistantStateAsNumber(ReadOnlySpan<byte> state, out double value)
    {
        value = 1;
        if (state.SequenceEqual("on"u8) || state.SequenceEqual("locked"u8) || state.SequenceEqual("above_horizon"u8)
            || state.SequenceEqual("open"u8) || state.SequenceEqual("home"u8))
        {
            return true;
        }

        value = 0;
        return state.SequenceEqual("off"u8) || state.SequenceEqual("unlocked"u8) || state.SequenceEqual("below_horizon"u8)
            || state.SequenceEqual("closed"u8) || state.SequenceEqual("not_home"u8);
    }

    /// <summary><c>unknown</c>, <c>unavailable</c> or empty.</summary>
    public static bool IsUnavailable(ReadOnlySpan<byte> state)
        => state.IsEmpty || state.SequenceEqual("unknown"u8) || state.SequenceEqual("unavailable"u8);

    /// <summary>
    /// Fast path for the commonest numbers: an optional minus, up to 15 digits with at most one decimal point between
    /// digits. The digits as an integer are exact in a double and so is 10^k, so one correctly rounded division gives
    /// the same double as a full parse.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var first = !text.IsEmpty && text[0] == '-' ? 1 : 0;
        if (text.Length - first is 0 or > MaxShortDigits + 1)
        {
            return false;
        }

        long digits = 0;
        var dot = -1;
        for (var i = first; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                digits = (digits * 10) + d;
            }
            else if (text[i] == '.' && dot < 0 && i > first && i < text.Length - 1)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        if (text.Length - first - (dot < 0 ? 0 : 1) > MaxShortDigits)
        {
            return false;
        }

        double result = digits;
        if (dot >= 0)
        {
            result /= PowersOfTen[text.Length - dot - 1];
        }

        // Adding +0 turns -0 into +0, so "-0" and "0" write the same value.
        value = (first == 1 ? -result : result) + 0d;
        return true;
    }

    /// <summary>1 or 0 for a boolean-like state, -1 otherwise; by length first, so most states cost one or two comparisons.</summary>
    private static int BooleanLike(ReadOnlySpan<byte> s) => s.Length switch
    {
        2 => s.SequenceEqual("on"u8) ? 1 : -1,
        3 => s.SequenceEqual("wet"u8) ? 1 : s.SequenceEqual("off"u8) || s.SequenceEqual("dry"u8) ? 0 : -1,
        4 => s.SequenceEqual("open"u8) || s.SequenceEqual("home"u8) || s.SequenceEqual("true"u8) ? 1 : s.SequenceEqual("idle"u8) ? 0 : -1,
        5 => s.SequenceEqual("false"u8) || s.SequenceEqual("clear"u8) ? 0 : -1,
        6 => s.SequenceEqual("locked"u8) || s.SequenceEqual("active"u8) ? 1 : s.SequenceEqual("closed"u8) || s.SequenceEqual("paused"u8) ? 0 : -1,
        7 => s.SequenceEqual("playing"u8) ? 1 : -1,
        8 => s.SequenceEqual("detected"u8) ? 1 : s.SequenceEqual("not_home"u8) || s.SequenceEqual("unlocked"u8) || s.SequenceEqual("inactive"u8) ? 0 : -1,
        9 => s.SequenceEqual("connected"u8) ? 1 : -1,
        12 => s.SequenceEqual("disconnected"u8) ? 0 : -1,
        13 => s.SequenceEqual("above_horizon"u8) ? 1 : s.SequenceEqual("below_horizon"u8) ? 0 : -1,
        _ => -1,
    };

    private static bool IsNumberStart(byte b) => (uint)(b - '0') <= 9 || b is (byte)'-' or (byte)'+' or (byte)'.';
}
