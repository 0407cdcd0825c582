using System.Globalization;
using System.Text;

namespace HaIngestor.Core.Tests.Serialization;

/// <summary>
/// An independent line-protocol reader, written from InfluxData's reference (line protocol, "Special characters"
/// and "Escaping backslashes"): measurement escapes comma and space; tag keys, tag values and field keys escape
/// comma, equals sign and space; string field values escape double quote and backslash; two backslashes read as
/// one, and any other backslash is literal. A line ends at every line feed, which line protocol does not allow
/// anywhere inside a point. Throws <see cref="FormatException"/> on anything else.
/// </summary>
internal static class LineProtocolParser
{
    public static List<ParsedPoint> Parse(string text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            throw new FormatException("The output does not end with a line feed.");
        }

        return [.. text.Split('\n').SkipLast(1).Select(ParseLine)];
    }

    public static ParsedPoint ParseLine(string line)
    {
        var position = 0;
        var measurement = ReadName(line, ref position, string.Empty, out _, measurement: true);
        if (measurement.Length == 0)
        {
            throw new FormatException($"Empty measurement: {line}");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (position < line.Length && line[position] == ',')
        {
            position++;
            var key = ReadName(line, ref position, "=", out var end);
            Expect(line, position, '=', end);
            position++;
            var value = ReadName(line, ref position, string.Empty, out _);
            if (key.Length == 0 || value.Length == 0 || !tags.TryAdd(key, value))
            {
                throw new FormatException($"Empty or repeated tag '{key}': {line}");
            }
        }

        Expect(line, position, ' ', position);
        position++;
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            var key = ReadName(line, ref position, "=", out var end);
            Expect(line, position, '=', end);
            position++;
            var value = ReadFieldValue(line, ref position);
            if (key.Length == 0 || !fields.TryAdd(key, value))
            {
                throw new FormatException($"Empty or repeated field '{key}': {line}");
            }

            if (position < line.Length && line[position] == ',')
            {
                position++;
                continue;
            }

            break;
        }

        long? timestamp = null;
        if (position < line.Length)
        {
            Expect(line, position, ' ', position);
            timestamp = long.Parse(line.AsSpan(position + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return new ParsedPoint(measurement, tags, fields, timestamp);
    }

    /// <summary>
    /// Reads a name up to an unescaped comma or space (or equals sign, for keys). The measurement escapes comma and
    /// space only; keys and tag values also the equals sign.
    /// </summary>
    private static string ReadName(string line, ref int position, string stops, out int end, bool measurement = false)
    {
        var escapable = measurement ? ", " : ",= ";
        var builder = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position];
            if (c == '\\' && position + 1 < line.Length && (line[position + 1] == '\\' || escapable.Contains(line[position + 1], StringComparison.Ordinal)))
            {
                builder.Append(line[position + 1]);
                position += 2;
                continue;
            }

            if (c is ',' or ' ' || stops.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            builder.Append(c);
            position++;
        }

        end = position;
        return builder.ToString();
    }

    private static object ReadFieldValue(string line, ref int position)
    {
        if (position < line.Length && line[position] == '"')
        {
            position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new FormatException($"Unterminated string field: {line}");
                }

                var c = line[position];
                if (c == '\\' && position + 1 < line.Length && line[position + 1] is '"' or '\\')
                {
                    builder.Append(line[position + 1]);
                    position += 2;
                    continue;
                }

                if (c == '"')
                {
                    position++;
                    return builder.ToString();
                }

                builder.Append(c);
                position++;
            }
        }

        var start = position;
        while (position < line.Length && line[position] is not (',' or ' '))
        {
            position++;
        }

        var token = line[start..position];
        return token switch
        {
            "t" or "T" or "true" or "True" or "TRUE" => true,
            "f" or "F" or "false" or "False" or "FALSE" => false,
            _ when token.EndsWith('i') => long.Parse(token.AsSpan(0, token.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            _ when token.EndsWith('u') => ulong.Parse(token.AsSpan(0, token.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture),
            _ => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static void Expect(string line, int position, char expected, int at)
    {
        if (position >= line.Length || line[position] != expected)
        {
            throw new FormatException($"'{expected}' expected at {at}: {line}");
        }
    }
}

/// <summary>One point as <see cref="LineProtocolParser"/> reads it.</summary>
internal sealed record ParsedPoint(string Measurement, Dictionary<string, string> Tags, Dictionary<string, object> Fields, long? Timestamp);
