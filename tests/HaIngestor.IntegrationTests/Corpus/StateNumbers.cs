using System.Globalization;
using System.Text.RegularExpressions;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>The number rules of docs/SCHEMA.md, written out independently of the pipeline's code.</summary>
internal static partial class StateNumbers
{
    /// <summary>Sign, digits, optional point and exponent; nothing else (no spaces, hex, commas or words).</summary>
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        if (!NumberPattern().IsMatch(text))
        {
            return false;
        }

        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            value = 0;
            return false;
        }

        value += 0d;
        return true;
    }

    /// <summary>The double a JSON number token means (the nearest one, as any JSON reader gives).</summary>
    public static double OfJson(System.Text.Json.Nodes.JsonNode node)
        => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) + 0d;

    /// <summary>The default schema's boolean-like states.</summary>
    public static bool TryBooleanLike(string state, out double value)
    {
        value = state switch
        {
            "on" or "open" or "home" or "locked" or "true" or "detected" or "wet" or "active" or "connected" or "playing" or "above_horizon" => 1,
            "off" or "closed" or "not_home" or "unlocked" or "false" or "clear" or "dry" or "inactive" or "disconnected" or "idle" or "paused" or "below_horizon" => 0,
            _ => -1,
        };
        return value >= 0;
    }

    /// <summary>Home Assistant's <c>state_helper.state_as_number</c> words.</summary>
    public static bool TryHomeAssistantStateAsNumber(string state, out double value)
    {
        value = state switch
        {
            "on" or "locked" or "above_horizon" or "open" or "home" => 1,
            "off" or "unlocked" or "below_horizon" or "closed" or "not_home" => 0,
            _ => -1,
        };
        return value >= 0;
    }

    /// <summary>True when Python's <c>float()</c> reads the text as NaN or an infinity (Home Assistant then drops the field).</summary>
    public static bool IsPythonNonFinite(string text)
    {
        if (NonFiniteWord().IsMatch(text))
        {
            return true;
        }

        return NumberPattern().IsMatch(text) && !double.IsFinite(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Home Assistant's <c>RE_DIGIT_TAIL</c> then <c>RE_DECIMAL</c>: "12.5 W" also gives the float 12.5.</summary>
    public static bool TryDigitTail(string text, out double value)
    {
        value = 0;
        if (!DigitTail().IsMatch(text))
        {
            return false;
        }

        var digits = NotDecimal().Replace(text, string.Empty);
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[+-]?(nan|inf|infinity)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NonFiniteWord();

    [GeneratedRegex(@"^[^\.]*\d+\.?\d+[^\.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitTail();

    [GeneratedRegex(@"[^\d.]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotDecimal();
}
