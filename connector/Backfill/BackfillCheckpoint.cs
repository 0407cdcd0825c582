using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaIngestor.Connector.Backfill;

/// <summary>
/// What a backfill of one home has already written, per entity (and per statistic) as a list of time ranges, kept
/// in one small JSON file rewritten atomically after every request. A later run over any range skips what is
/// covered, so an interrupted backfill continues where it stopped, and a second one over the same days does nothing.
/// </summary>
internal sealed class BackfillCheckpoint
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> _statistics = new(StringComparer.Ordinal);

    private BackfillCheckpoint(string file) => File = file;

    /// <summary>The checkpoint file.</summary>
    public string File { get; }

    /// <summary>The file of <paramref name="home"/> under <paramref name="folder"/>.</summary>
    public static string FileFor(string folder, string? home)
    {
        var name = new string((home ?? "default").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return Path.Combine(folder, $"backfill-{name}.json");
    }

    /// <summary>Loads the file, or starts empty when there is none. Throws <see cref="InvalidDataException"/> when it is unreadable.</summary>
    public static BackfillCheckpoint Load(string file)
    {
        var checkpoint = new BackfillCheckpoint(file);
        if (!System.IO.File.Exists(file))
        {
            return checkpoint;
        }

        try
        {
            var root = JsonNode.Parse(System.IO.File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException("not a JSON object");
            ReadKind(root["states"], checkpoint._states);
            ReadKind(root["statistics"], checkpoint._statistics);
            return checkpoint;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"The backfill checkpoint {file} is unreadable ({ex.Message}); delete it to start over.", ex);
        }
    }

    /// <summary>The parts of [<paramref name="start"/>, <paramref name="end"/>) not yet written for the entity (or statistic).</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Missing(BackfillKind kind, string id, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            var missing = new List<(DateTimeOffset, DateTimeOffset)>();
            var cursor = start;
            if (Of(kind).TryGetValue(id, out var done))
            {
                foreach (var (doneStart, doneEnd) in done)
                {
                    if (doneEnd <= cursor)
                    {
                        continue;
                    }

                    if (doneStart >= end)
                    {
                        break;
                    }

                    if (doneStart > cursor)
                    {
                        missing.Add((cursor, doneStart));
                    }

                    cursor = doneEnd > cursor ? doneEnd : cursor;
                }
            }

            if (cursor < end)
            {
                missing.Add((cursor, end));
            }

            return missing;
        }
    }

    /// <summary>Records [<paramref name="start"/>, <paramref name="end"/>) as written for every id, then saves the file.</summary>
    public void MarkDone(BackfillKind kind, IEnumerable<string> ids, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            var map = Of(kind);
            foreach (var id in ids)
            {
                if (!map.TryGetValue(id, out var ranges))
                {
                    map[id] = ranges = [];
                }

                ranges.Add((start, end));
                Merge(ranges);
            }

            Save();
        }
    }

    private Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> Of(BackfillKind kind) => kind == BackfillKind.States ? _states : _statistics;

    private static void Merge(List<(DateTimeOffset Start, DateTimeOffset End)> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, range.End > merged[^1].End ? range.End : merged[^1].End);
            }
            else
            {
                merged.Add(range);
            }
        }

        ranges.Clear();
        ranges.AddRange(merged);
    }

    private void Save()
    {
        var root = new JsonObject
        {
            ["states"] = WriteKind(_states),
            ["statistics"] = WriteKind(_statistics),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
        var temporary = File + ".tmp";
        System.IO.File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        System.IO.File.Move(temporary, File, overwrite: true);
    }

    private static JsonObject WriteKind(Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> map)
    {
        var kind = new JsonObject();
        foreach (var (id, ranges) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            kind[id] = new JsonArray([.. ranges.Select(r => (JsonNode)new JsonArray(Time(r.Start), Time(r.End)))]);
        }

        return kind;

        static JsonNode Time(DateTimeOffset t) => JsonValue.Create(t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))!;
    }

    private static void ReadKind(JsonNode? node, Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> map)
    {
        if (node is not JsonObject kind)
        {
            return;
        }

        foreach (var (id, value) in kind)
        {
            var ranges = new List<(DateTimeOffset, DateTimeOffset)>();
            foreach (var range in value?.AsArray() ?? [])
            {
                var pair = range!.AsArray();
                ranges.Add((Parse(pair[0]!.GetValue<string>()), Parse(pair[1]!.GetValue<string>())));
            }

            Merge(ranges);
            map[id] = ranges;
        }

        static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
