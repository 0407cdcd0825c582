using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>Name and value comparisons that never throw.</summary>
internal static class JsonNames
{
    /// <summary>
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>, but false instead of an exception for text
    /// that cannot be unescaped (a lone surrogate such as <c>\ud800</c>): such a name or value is simply no match.
    /// </summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> text)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.SequenceEqual(text);
        }

        try
        {
            return reader.ValueTextEquals(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
