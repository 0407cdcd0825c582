using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// Where a JSON value sits in the message: for strings the content between the quotes (still escaped when
/// <see cref="Escaped"/>), for objects and arrays the whole value, for numbers and literals their text.
/// <see cref="Kind"/> is <see cref="JsonTokenType.None"/> when the member was absent.
/// </summary>
internal readonly record struct JsonSlice(int Start, int Length, bool Escaped, JsonTokenType Kind)
{
    public bool IsPresent => Kind != JsonTokenType.None;

    public bool IsString => Kind == JsonTokenType.String;

    public bool IsObject => Kind == JsonTokenType.StartObject;

    public bool IsNull => Kind == JsonTokenType.Null;

    /// <summary>Absent or JSON null.</summary>
    public bool IsMissing => Kind is JsonTokenType.None or JsonTokenType.Null;

    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> message) => message.Slice(Start, Length);

    /// <summary>Captures the value the reader is on (after reading the member name), skipping containers.</summary>
    /// <remarks><paramref name="offset"/> is where the reader's input starts in the message.</remarks>
    public static JsonSlice Capture(ref Utf8JsonReader reader, int offset = 0)
    {
        var kind = reader.TokenType;
        switch (kind)
        {
            case JsonTokenType.String:
                return new JsonSlice(offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped, kind);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return new JsonSlice(offset + start, (int)reader.BytesConsumed - start, false, kind);
            default:
                return new JsonSlice(offset + (int)reader.TokenStartIndex, reader.ValueSpan.Length, false, kind);
        }
    }

    /// <summary>The text of a string slice, unescaped into <paramref name="scratch"/> when it has escapes.</summary>
    public ReadOnlySpan<byte> Text(ReadOnlySpan<byte> message, Span<byte> scratch)
    {
        var raw = message.Slice(Start, Length);
        if (!Escaped)
        {
            return raw;
        }

        // Re-read the quoted token: Utf8JsonReader is the only public JSON unescaper that works on UTF-8.
        var reader = new Utf8JsonReader(message.Slice(Start - 1, Length + 2));
        reader.Read();
        return scratch[..reader.CopyString(scratch)];
    }
}
