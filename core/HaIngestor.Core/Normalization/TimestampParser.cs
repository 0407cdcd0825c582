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
    private static readonly int[] DaysToMonth365 = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly int[] DaysToMonth366 = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 19
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || (text[10] != 'T' && text[10] != ' ' && text[10] != 't')
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

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
            var digits = 0;
            var scale = TimeSpan.TicksPerSecond;
            while (i < text.Length && IsDigit(text[i]))
            {
                if (digits < 7)
                {
                    scale /= 10;
                    fractionTicks += (text[i] - '0') * scale;
                }

                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }
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
