using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// What an InfluxDB error answer says: its message, how many points it dropped (<c>dropped=N</c> in partial writes)
/// and the lines it could not parse (<c>unable to parse 'LINE': reason</c>). Bodies are JSON (<c>{"error":..}</c> in
/// 1.x, <c>{"code":..,"message":..}</c> in 2.x) or plain text.
/// </summary>
internal sealed partial record InfluxDbError(string Message, int? Dropped, IReadOnlyList<string> UnparsableLines)
{
    private const int MaxMessageLength = 500;
    private const string UnableToParse = "unable to parse '";

    public static InfluxDbError Parse(string? body)
    {
        var message = ExtractMessage(body);
        if (message.Length == 0)
        {
            return new InfluxDbError("no detail given", null, []);
        }

        int? dropped = null;
        var match = DroppedPattern().Match(message);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            dropped = count;
        }

        var lines = new List<string>();
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
        return new InfluxDbError(shortMessage, dropped, lines);
    }

    private static string ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                foreach (var name in (ReadOnlySpan<string>)["error", "message"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString() ?? string.Empty;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: use the text as it is.
            }
        }

        return trimmed;
    }

    [GeneratedRegex(@"dropped=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex DroppedPattern();
}
