using System.Text;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// What a measurement, tag or field name reads back as after the writer made it safe (docs/SCHEMA.md): newline,
/// carriage return, tab and every other control character become a space, a backslash before a delimiter or at the end becomes a slash, a key
/// <c>time</c> becomes <c>time_</c>, a measurement's leading <c>#</c> becomes <c>_</c>.
/// </summary>
internal static class LineProtocolNames
{
    public static string Measurement(string name)
    {
        var text = NameLike(name);
        return text.StartsWith('#') ? string.Concat("_", text.AsSpan(1)) : text;
    }

    public static string Key(string key)
    {
        var text = NameLike(key);
        return text == "time" ? "time_" : text;
    }

    public static string TagValue(string value) => NameLike(value);

    /// <summary>
    /// What a string field reads back as: a line feed and a carriage return as the two characters <c>\n</c> and
    /// <c>\r</c> (InfluxDB keeps a backslash before any other byte than a quote or backslash as it is).
    /// </summary>
    public static string StringValue(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string NameLike(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            sb.Append(c switch
            {
                < ' ' or '\u007f' => ' ',
                '\\' when i + 1 == text.Length || text[i + 1] is ',' or '=' or ' ' or '\\' or < ' ' or '\u007f' => '/',
                _ => c,
            });
        }

        return sb.ToString();
    }
}
