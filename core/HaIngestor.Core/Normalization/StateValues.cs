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

    /// <summary>A finite number by the rules above.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParseSmallInteger(text, out value))
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
        if (TryParseSmallInteger(json, out value))
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
        value = 1;
        if (state.SequenceEqual("on"u8) || state.SequenceEqual("open"u8) || state.SequenceEqual("home"u8)
            || state.SequenceEqual("locked"u8) || state.SequenceEqual("true"u8) || state.SequenceEqual("detected"u8)
            || state.SequenceEqual("wet"u8) || state.SequenceEqual("active"u8) || state.SequenceEqual("connected"u8)
            || state.SequenceEqual("playing"u8) || state.SequenceEqual("above_horizon"u8))
        {
            return true;
        }

        value = 0;
        return state.SequenceEqual("off"u8) || state.SequenceEqual("closed"u8) || state.SequenceEqual("not_home"u8)
            || state.SequenceEqual("unlocked"u8) || state.SequenceEqual("false"u8) || state.SequenceEqual("clear"u8)
            || state.SequenceEqual("dry"u8) || state.SequenceEqual("inactive"u8) || state.SequenceEqual("disconnected"u8)
            || state.SequenceEqual("idle"u8) || state.SequenceEqual("paused"u8) || state.SequenceEqual("below_horizon"u8);
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

    /// <summary>Fast path for plain integers of up to 15 digits (exact in a double), the commonest numbers.</summary>
    private static bool TryParseSmallInteger(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 15)
        {
            return false;
        }

        long result = 0;
        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            result = (result * 10) + d;
        }

        // Negating 0 as a long gives 0, so "-0" is 0 here too.
        value = negative ? -result : result;
        return true;
    }

    private static bool IsNumberStart(byte b) => (uint)(b - '0') <= 9 || b is (byte)'-' or (byte)'+' or (byte)'.';
}
