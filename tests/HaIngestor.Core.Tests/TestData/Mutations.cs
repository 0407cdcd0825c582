namespace HaIngestor.Core.Tests.TestData;

/// <summary>Random one-place edits of a message (a byte deleted, text inserted, or a byte replaced), for fuzz tests.</summary>
internal static class Mutations
{
    /// <summary>Bytes and snippets that matter to JSON and to line protocol.</summary>
    public static readonly string[] Substitutes =
    [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", "e", ".", "t", "n", " ", "\n", "\t", "\u0001", "u", "x", "=",
        "\\u", "\\ud800", "\\u00e9", "\\\"", "1", "\"\"", "null", "{}", "[]", "1e309", "é", "🙂",
    ];

    public static string Mutate(string source, Random random)
    {
        var position = random.Next(source.Length);
        var substitute = Substitutes[random.Next(Substitutes.Length)];
        return random.Next(3) switch
        {
            0 => source.Remove(position, 1),
            1 => source.Insert(position, substitute),
            _ => source.Remove(position, 1).Insert(position, substitute),
        };
    }
}
