using System.Globalization;

namespace HaIngestor.Core.Serialization;

/// <summary>
/// Float field values as the shortest text that reads back to the same double (the runtime's default format), with
/// fast paths for the values sensors send: whole numbers and numbers of one to four decimals.
/// </summary>
internal static class NumberText
{
    private static readonly double[] PowersOfTen = [1, 10, 100, 1000, 10000];

    /// <summary>Writes a finite <paramref name="value"/> at <paramref name="pos"/> (32 bytes reserved) and returns the end.</summary>
    public static int WriteDouble(byte[] target, int pos, double value)
    {
        int written;
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            // Whole numbers (most sensor readings and attributes) format much faster as integers, to the same text
            // as the shortest round-trip form; -0 becomes 0.
            ((long)value).TryFormat(target.AsSpan(pos), out written, default, CultureInfo.InvariantCulture);
            return pos + written;
        }

        if (TryWriteShortDecimal(target, pos, value, out var end))
        {
            return end;
        }

        value.TryFormat(target.AsSpan(pos), out written, default, CultureInfo.InvariantCulture);
        return pos + written;
    }

    /// <summary>
    /// A value that is exactly the double nearest to m / 10^k for the smallest k in 1..4, with m of at most 15
    /// digits: decimals of at most 15 significant digits map to distinct doubles, so no other text of as few digits
    /// reads back to it, and the shortest round-trip text is m / 10^k itself. In this range (1e-4 .. 1e11) the
    /// runtime writes it in fixed-point notation, as here.
    /// </summary>
    internal static bool TryWriteShortDecimal(byte[] target, int pos, double value, out int end)
    {
        end = pos;
        var abs = Math.Abs(value);
        if (!(abs >= 1e-4 && abs < 1e11))
        {
            return false;
        }

        for (var k = 1; k < PowersOfTen.Length; k++)
        {
            var scale = PowersOfTen[k];
            var scaled = Math.Round(abs * scale);
            if (scaled / scale != abs)
            {
                continue;
            }

            var m = (long)scaled;
            if (m % 10 == 0)
            {
                // A smaller k reads back too; only reachable if the rounding above missed it, so leave it to the runtime.
                return false;
            }

            if (value < 0)
            {
                target[pos++] = (byte)'-';
            }

            var unit = (long)PowersOfTen[k];
            var whole = m / unit;
            whole.TryFormat(target.AsSpan(pos), out var written, default, CultureInfo.InvariantCulture);
            pos += written;
            target[pos++] = (byte)'.';
            var fraction = m - (whole * unit);
            for (var digit = pos + k - 1; digit >= pos; digit--)
            {
                target[digit] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            end = pos + k;
            return true;
        }

        return false;
    }
}
