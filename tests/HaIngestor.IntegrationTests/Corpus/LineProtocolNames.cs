using System.Text;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// What a measurement, tag or field name reads back as after the writer made it safe (docs/SCHEMA.md): newline,
/// carriage return and tab become a space, a backslash before a delimiter or at the end becomes a slash, a key
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

    private static string NameLike(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            sb.Append(c switch
            {
                '\n' or '\r' or '\t' => ' ',
                '\\' when i + 1 == text.Length || text[i + 1] is ',' or '=' or ' ' or '\\' or '\n' or '\r' or '\t' => '/',
                _ => c,
            });
        }

        return sb.ToString();
    }
}
