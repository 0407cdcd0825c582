using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// What an InfluxDB error answer says: its message, how many points it dropped (<c>dropped=N</c> in partial writes),
/// the lines it could not parse (<c>unable to parse 'LINE': reason</c>) and the 1-based numbers of refused lines in the
/// request body (3.x <c>"data":[{"line_number":N,..}]</c>, Cloud <c>"line":N</c>). Bodies are JSON (<c>{"error":..}</c>
/// in 1.x, <c>{"code":..,"message":..}</c> in 2.x) or plain text.
/// </summary>
internal sealed partial record InfluxDbError(string Message, int? Dropped, IReadOnlyList<string> UnparsableLines)
{
    /// <summary>1-based numbers, within the request body, of the lines the server named as refused.</summary>
    public IReadOnlyList<int> LineNumbers { get; init; } = [];

    private const int MaxMessageLength = 500;
    private const string UnableToParse = "unable to parse '";

    public static InfluxDbError Parse(string? body)
    {
        var (message, lineNumbers, originalLines) = Extract(body);
        if (message.Length == 0)
        {
            return new InfluxDbError("no detail given", null, originalLines) { LineNumbers = lineNumbers };
        }

        int? dropped = null;
        var match = DroppedPattern().Match(message);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            dropped = count;
        }

        var lines = new List<string>(originalLines);
        foreach (var part in message.Split('\n'))
        {
            var start = part.IndexOf(UnableToParse, StringComparison.Ordinal);
            var end = part.LastIndexOf("': ", StringComparison.Ordinal);
            if (start >= 0 && end > start + UnableToParse.Length)
            {
                lines.Add(part[(start + UnableToParse.Length)..end]);
            }
        }

        var shortMessage = message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength), "...");
        return new InfluxDbError(shortMessage, dropped, lines) { LineNumbers = lineNumbers };
    }

    private static (string Message, List<int> LineNumbers, List<string> OriginalLines) Extract(string? body)
    {
        var numbers = new List<int>();
        var originals = new List<string>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (string.Empty, numbers, originals);
        }

        var trimmed = body.Trim();
        if (!trimmed.StartsWith('{'))
        {
            return (trimmed, numbers, originals);
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            var root = document.RootElement;
            if (root.TryGetProperty("line", out var line) && line.TryGetInt32(out var number))
            {
                numbers.Add(number);
            }

            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    if (item.TryGetProperty("line_number", out var lineNumber) && lineNumber.TryGetInt32(out var n))
                    {
                        numbers.Add(n);
                    }
                    else if (item.TryGetProperty("original_line", out var original) && original.ValueKind == JsonValueKind.String)
                    {
                        originals.Add(original.GetString()!);
                    }
                }
            }

            foreach (var name in (ReadOnlySpan<string>)["error", "message"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return (value.GetString() ?? string.Empty, numbers, originals);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: use the text as it is.
        }

        return (trimmed, numbers, originals);
    }

    [GeneratedRegex(@"dropped=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex DroppedPattern();
}
