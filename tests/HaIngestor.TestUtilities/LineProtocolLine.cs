using System.Text;

namespace HaIngestor.TestUtilities;

/// <summary>
/// One line of line protocol taken apart as InfluxDB 1.x reads it: measurement, tag keys and values, field keys
/// with their raw value text, timestamp. Only for checking what a writer produced.
/// </summary>
public sealed record LineProtocolLine(string Measurement, IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<KeyValuePair<string, string>> Fields, string Timestamp)
{
    /// <summary>Every non-empty line of <paramref name="utf8"/>, parsed.</summary>
    public static IReadOnlyList<LineProtocolLine> ParseAll(ReadOnlySpan<byte> utf8)
        => Encoding.UTF8.GetString(utf8).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();

    /// <summary>Parses one line (without its line feed).</summary>
    public static LineProtocolLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var i = 0;
        var measurement = Name(line, ref i, ", ".AsSpan());
        var tags = new List<KeyValuePair<string, string>>();
        while (i < line.Length && line[i] == ',')
        {
            i++;
            var key = Name(line, ref i, "=".AsSpan());
            i++;
            var value = Name(line, ref i, ", ".AsSpan());
            tags.Add(new(key, value));
        }

        Expect(line, i, ' ');
        i++;
        var fields = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var key = Name(line, ref i, "=".AsSpan());
            Expect(line, i, '=');
            i++;
            var start = i;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    i += line[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (i < line.Length && line[i] is not ',' and not ' ')
                {
                    i++;
                }
            }

            fields.Add(new(key, line[start..Math.Min(i, line.Length)]));
            if (i >= line.Length || line[i] == ' ')
            {
                break;
            }

            i++;
        }

        return new LineProtocolLine(measurement, tags, fields, i < line.Length ? line[(i + 1)..] : string.Empty);
    }

    private static string Name(string line, ref int i, ReadOnlySpan<char> stops)
    {
        var sb = new StringBuilder();
        while (i < line.Length && !stops.Contains(line[i]))
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is ',' or '=' or ' ')
            {
                i++;
            }

            sb.Append(line[i++]);
        }

        return sb.ToString();
    }

    private static void Expect(string line, int i, char c)
    {
        if (i >= line.Length || line[i] != c)
        {
            throw new FormatException($"Expected '{c}' at {i} in: {line}");
        }
    }
}
