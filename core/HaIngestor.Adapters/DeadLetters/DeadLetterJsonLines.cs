using System.Buffers;
using System.Text.Json;
using HaIngestor.Core.DeadLetters;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>
/// Dead letters as JSON lines: one object per line with <c>message</c> (the original event JSON, as a string so even
/// malformed input survives), <c>reason</c>, <c>detail</c>, <c>source</c>, <c>failed_at</c>, <c>first_seen_at</c>
/// and <c>attempts</c>.
/// </summary>
internal static class DeadLetterJsonLines
{
    public static byte[] Serialize(IReadOnlyCollection<DeadLetter> letters)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, letters.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var letter in letters)
            {
                JsonSerializer.Serialize(writer, letter, DeadLetterJsonContext.Default.DeadLetter);
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset(buffer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a segment; a line that is not a dead letter is a corrupt store and fails loudly with its position.</summary>
    public static List<DeadLetter> Parse(ReadOnlySpan<byte> content, string segment)
    {
        var letters = new List<DeadLetter>();
        var number = 0;
        while (!content.IsEmpty)
        {
            number++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.Trim(" \r\t"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                letters.Add(JsonSerializer.Deserialize(line, DeadLetterJsonContext.Default.DeadLetter)
                    ?? throw new InvalidDataException($"Dead-letter segment {segment} line {number} is null."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Dead-letter segment {segment} line {number} is not a dead letter: {ex.Message}", ex);
            }
        }

        return letters;
    }
}
