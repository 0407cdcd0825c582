namespace HaIngestor.Core.Parsing;

/// <summary>
/// Finds a <c>\uXXXX</c> escape of a surrogate that is not half of a high-low pair (<c>\ud800</c> alone, a low
/// before its high): JSON text that names no Unicode character. Home Assistant's encoder never writes one. Strings
/// that are only copied as JSON text (attributes, service data) are not unescaped on the way, so without this check
/// one schema would keep such an event and the other reject it at the first key it unescapes.
/// </summary>
internal static class SurrogateEscapes
{
    /// <summary>True when <paramref name="json"/> holds an escaped lone surrogate. Only scans from each backslash on.</summary>
    public static bool HasLone(ReadOnlySpan<byte> json)
    {
        var i = json.IndexOf((byte)'\\');
        if (i < 0)
        {
            return false;
        }

        var pendingHigh = false;
        while (i < json.Length)
        {
            if (json[i] != '\\')
            {
                if (pendingHigh)
                {
                    return true;
                }

                var next = json[i..].IndexOf((byte)'\\');
                if (next < 0)
                {
                    return false;
                }

                i += next;
                continue;
            }

            // Outside strings a backslash is malformed JSON and the reader rejects it; inside, escapes are two bytes
            // or six (\uXXXX), so stepping over whole escapes never lands inside one.
            if (i + 1 >= json.Length)
            {
                return pendingHigh;
            }

            if (json[i + 1] != 'u' || !TryHex(json.Slice(i + 2), out var unit))
            {
                if (pendingHigh)
                {
                    return true;
                }

                i += 2;
                continue;
            }

            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh != isLow)
            {
                return true;
            }

            pendingHigh = isHigh;
            i += 6;
        }

        return pendingHigh;
    }

    private static bool TryHex(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length < 4)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            var digit = text[k] switch
            {
                >= (byte)'0' and <= (byte)'9' => text[k] - '0',
                >= (byte)'a' and <= (byte)'f' => text[k] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => text[k] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
