namespace HaIngestor.Core.Normalization;

/// <summary>
/// Parses the ISO 8601 timestamps Home Assistant writes (<c>2024-05-01T12:00:00.123456+00:00</c>) straight from UTF-8,
/// to UTC. Accepts <c>T</c> or a space between date and time, 0 to 9+ fraction digits (beyond 7 truncated), and an
/// offset <c>Z</c>, <c>+hh:mm</c>, <c>+hhmm</c>, <c>+hh</c> or none (naive, taken as UTC).
/// Rejects anything else, and instants InfluxDB cannot store (outside 1677-09-22 .. 2262-04-11, its nanosecond range).
/// </summary>
internal static class TimestampParser
{
    private static readonly long MinTicks = new DateTime(1677, 9, 22, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = new DateTime(2262, 4, 11, 0, 0, 0, DateTimeKind.Utc).Ticks;
    /// <summary>Fraction digits that fit a tick.</summary>
    private const int FractionDigits = 7;

    /// <summary>Ticks per unit of the last of n fraction digits, by n.</summary>
    private static readonly long[] TicksPerFractionUnit = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    private static readonly int[] DaysToMonth365 = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly int[] DaysToMonth366 = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 19)
        {
            return false;
        }

        // The fixed part, yyyy-MM-ddTHH:mm:ss, checked without a branch per digit: d is a digit when d and d + 6
        // both stay below 16 (a byte below '0' wraps around to a large unsigned value), so one OR checks all fourteen.
        uint y1 = (uint)(text[0] - '0'), y2 = (uint)(text[1] - '0'), y3 = (uint)(text[2] - '0'), y4 = (uint)(text[3] - '0');
        uint mo1 = (uint)(text[5] - '0'), mo2 = (uint)(text[6] - '0'), d1 = (uint)(text[8] - '0'), d2 = (uint)(text[9] - '0');
        uint h1 = (uint)(text[11] - '0'), h2 = (uint)(text[12] - '0'), mi1 = (uint)(text[14] - '0'), mi2 = (uint)(text[15] - '0');
        uint s1 = (uint)(text[17] - '0'), s2 = (uint)(text[18] - '0');
        var all = y1 | y2 | y3 | y4 | mo1 | mo2 | d1 | d2 | h1 | h2 | mi1 | mi2 | s1 | s2;
        var allPlusSix = (y1 + 6) | (y2 + 6) | (y3 + 6) | (y4 + 6) | (mo1 + 6) | (mo2 + 6) | (d1 + 6) | (d2 + 6)
            | (h1 + 6) | (h2 + 6) | (mi1 + 6) | (mi2 + 6) | (s1 + 6) | (s2 + 6);
        if ((all | allPlusSix) > 15
            || text[4] != '-' || text[7] != '-' || text[13] != ':' || text[16] != ':'
            || ((text[10] | 0x20) != 't' && text[10] != ' '))
        {
            return false;
        }

        var year = (int)((y1 * 1000) + (y2 * 100) + (y3 * 10) + y4);
        var month = (int)((mo1 * 10) + mo2);
        var day = (int)((d1 * 10) + d2);
        var hour = (int)((h1 * 10) + h2);
        var minute = (int)((mi1 * 10) + mi2);
        var second = (int)((s1 * 10) + s2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // DateTime's own arithmetic, without the argument checks and exceptions of DaysInMonth and the constructor.
        var daysToMonth = IsLeapYear(year) ? DaysToMonth366 : DaysToMonth365;
        if (day > daysToMonth[month] - daysToMonth[month - 1])
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var start = i;
            var fraction = 0;
            while (i < text.Length && IsDigit(text[i]))
            {
                // Digits beyond the seventh (100 ns, a tick) are read but dropped.
                if (i - start < FractionDigits)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            fractionTicks = fraction * TicksPerFractionUnit[Math.Min(i - start, FractionDigits)];
        }

        long offsetTicks = 0;
        if (i < text.Length)
        {
            var sign = text[i];
            if ((sign == 'Z' || sign == 'z') && i + 1 == text.Length)
            {
                i++;
            }
            else if (sign is (byte)'+' or (byte)'-')
            {
                if (!TryOffset(text[(i + 1)..], out var minutes))
                {
                    return false;
                }

                offsetTicks = (sign == '-' ? -minutes : minutes) * TimeSpan.TicksPerMinute;
                i = text.Length;
            }
            else
            {
                return false;
            }
        }

        var priorYears = year - 1;
        var days = (priorYears * 365) + (priorYears / 4) - (priorYears / 100) + (priorYears / 400) + daysToMonth[month - 1] + day - 1;
        var ticks = (days * TimeSpan.TicksPerDay) + (((hour * 3600L) + (minute * 60) + second) * TimeSpan.TicksPerSecond)
            + fractionTicks - offsetTicks;
        if (ticks < MinTicks || ticks > MaxTicks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> text, out long minutes)
    {
        minutes = 0;
        int hours;
        int mins = 0;
        switch (text.Length)
        {
            case 2:
                if (!TryDigits(text, 0, 2, out hours))
                {
                    return false;
                }

                break;
            case 4:
                if (!TryDigits(text, 0, 2, out hours) || !TryDigits(text, 2, 2, out mins))
                {
                    return false;
                }

                break;
            case 5:
                if (!TryDigits(text, 0, 2, out hours) || text[2] != ':' || !TryDigits(text, 3, 2, out mins))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        if (hours > 14 || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        foreach (var b in text.Slice(start, count))
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    private static bool IsLeapYear(int year) => (year & 3) == 0 && ((year % 100) != 0 || (year % 400) == 0);

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
