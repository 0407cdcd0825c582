using System.Globalization;

namespace HaIngestor.Adapters.Retention;

/// <summary>Parses the durations InfluxDB 1.x prints, e.g. <c>8760h0m0s</c>, <c>0s</c> (infinite), <c>1h30m</c>.</summary>
internal static class InfluxDuration
{
    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        var number = 0L;
        var hasNumber = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                number = checked((number * 10) + (c - '0'));
                hasNumber = true;
                continue;
            }

            if (!hasNumber)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Unexpected '{c}' in InfluxDB duration '{text}'."));
            }

            var unit = c == 'm' && i + 1 < text.Length && text[i + 1] == 's' ? "ms" : c.ToString();
            i += unit.Length - 1;
            total += unit switch
            {
                "w" => TimeSpan.FromDays(7 * number),
                "d" => TimeSpan.FromDays(number),
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => throw new FormatException($"Unknown unit '{unit}' in InfluxDB duration '{text}'."),
            };
            number = 0;
            hasNumber = false;
        }

        return total;
    }
}
