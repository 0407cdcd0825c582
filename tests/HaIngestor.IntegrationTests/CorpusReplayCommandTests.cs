using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.IntegrationTests.Corpus;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

/// <summary>
/// The corpus, hostile names and values included, recorded as a .jsonl file and replayed by the real
/// <c>connector replay</c> (a child process) into the real InfluxDB 1.x, in both schemas, then read as a user would
/// with InfluxQL across measurements: every accepted event reads back as expected, every rejected one is in the
/// dead-letter store with its reason, no key is both a tag and a field, and no point is split.
/// </summary>
public sealed class CorpusReplayCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static TheoryData<PointSchema> Schemas => [PointSchema.Default, PointSchema.HomeAssistant];

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Replay_CorpusFile_ReadsBackEveryAcceptedEventAndDeadLettersEveryRejectedOneWithItsReason(PointSchema schema)
    {
        // What a recording holds: one WebSocket message per line. Frames that are not one event message (a result,
        // a coalesced array, text that is not JSON or not UTF-8) the replay counts by itself; CorpusRoundTripTests
        // has them.
        var processed = ProcessedCase.ProcessAll(schema).Where(p => IsOneEventMessage(p.Case.Message)).ToList();
        Assert.True(processed.Count >= 100, $"{processed.Count} replayable cases");
        var folder = Directory.CreateTempSubdirectory("hai-corpus-replay-").FullName;
        await using var database = await InfluxDbTestDatabase.CreateAsync($"corpus_replay_{schema}");
        try
        {
            var file = Path.Combine(folder, "corpus.jsonl");
            await File.WriteAllBytesAsync(file, [.. processed.SelectMany(p => p.Case.Message.Append((byte)'\n'))]);

            await using var replay = ConnectorCommandProcess.Start(["replay", file], new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Direct__Sink"] = "InfluxDb",
                ["Direct__DataPath"] = folder,
                ["InfluxDb__Url"] = database.BaseUrl.ToString(),
                ["InfluxDb__ApiVersion"] = "V1",
                ["InfluxDb__Database"] = database.Name,
                ["Pipeline__Schema"] = schema.ToString(),
                ["Pipeline__Precision"] = "Milliseconds",
            });
            var exitCode = await replay.WaitForExitAsync(Timeout, "connector replay");
            var output = replay.Tail();

            Assert.True(exitCode == 0, $"connector replay exited with {exitCode}:\n{output}");
            var rejected = processed.Where(p => p.Expected.Outcome == ProcessOutcome.Rejected).ToList();
            foreach (var part in (string[])[$"{processed.Count} events", $"{rejected.Count} rejected (dead-lettered)", "0 unreadable lines"])
            {
                Assert.True(output.Contains(part, StringComparison.Ordinal), $"connector replay does not say '{part}':\n{output}\nRejected cases: {string.Join(", ", rejected.Select(p => p.Case.Name))}");
            }

            var expected = processed.SelectMany(p => p.Expected.Points.Select(point => (p.Case.Name, point))).ToList();
            var differences = PointComparison.Differences(expected, await InfluxReadBack.AllPointsAsync(database));
            Assert.True(differences.Count == 0, $"{differences.Count} read-back difference(s) in schema {schema}:\n  " + string.Join("\n  ", differences));

            var letters = ReadDeadLetters(Path.Combine(folder, "dead-letters"));
            Assert.Equal(
                rejected.Select(p => p.Expected.Reason.ToString()).Order(StringComparer.Ordinal),
                letters.Select(l => l.Reason).Order(StringComparer.Ordinal));
            Assert.All(letters, l => Assert.False(string.IsNullOrWhiteSpace(l.Detail), $"dead letter {l.Reason} without a detail"));

            await AssertAcrossMeasurementsAsync(database, expected.Select(e => e.point).ToList());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertAcrossMeasurementsAsync(InfluxDbTestDatabase database, IReadOnlyList<ExpectedPoint> expected)
    {
        var tagKeys = (await database.QueryAsync("SHOW TAG KEYS")).SelectMany(s => s.Values).Select(r => r[0].GetString()!).ToHashSet(StringComparer.Ordinal);
        var fieldKeys = (await database.QueryAsync("SHOW FIELD KEYS")).SelectMany(s => s.Values).Select(r => r[0].GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(tagKeys.Intersect(fieldKeys, StringComparer.Ordinal));

        // One row per point over every measurement at once: nothing split, nothing merged.
        var all = await database.QueryAsync("SELECT * FROM /.*/");
        Assert.Equal(expected.Count, all.Sum(s => s.Values.Count));

        foreach (var pattern in (string[])["key", "^group", "separators|bom|emoji", "."])
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            var want = expected.Count(p => p.Fields.ContainsKey("value") && p.Tags.TryGetValue("entity_id", out var id) && regex.IsMatch(id));
            var query = $"SELECT \"value\" FROM /.*/ WHERE \"entity_id\" =~ /{pattern}/";
            var got = (await database.QueryAsync(query)).Sum(s => s.Values.Count);
            Assert.True(want == got, $"{query}: {got} rows, expected {want}");
        }

        Assert.Contains(expected, p => p.Fields.ContainsKey("value") && p.Tags.GetValueOrDefault("entity_id") is { } id && id.Contains("key", StringComparison.Ordinal));
    }

    private static bool IsOneEventMessage(byte[] message)
    {
        var messages = new List<HaMessage>();
        // A recording is UTF-8 text read line by line: bytes that are not UTF-8 are the pipeline tests' case.
        return message.Length > 0 && message[0] == '{' && !message.Contains((byte)'\n') && System.Text.Unicode.Utf8.IsValid(message)
            && HaFrameReader.TryRead(message, messages, out _) && messages is [{ Type: HaMessageType.Event }];
    }

    [Fact]
    public async Task Replay_LinesNotUtf8OrNotJson_DeadLetteredAsMalformedAndTheRestWritten()
    {
        var good = ProcessedCase.ProcessAll(PointSchema.Default)
            .First(p => p.Expected.Outcome == ProcessOutcome.Written && IsOneEventMessage(p.Case.Message));
        // A state with a byte that is no UTF-8 (0xFF), and a line that is no JSON: decoding them as text would turn the
        // first into U+FFFD and write it, and leave the second uncounted.
        var key = good.Case.Message.AsSpan().IndexOf("\"event_type\""u8);
        Assert.True(key >= 0, "the event names its type");
        var open = key + 12 + good.Case.Message.AsSpan(key + 12).IndexOf((byte)'"') + 1;
        byte[] notUtf8 = [.. good.Case.Message.AsSpan(0, open), 0xFF, .. good.Case.Message.AsSpan(open)];
        var folder = Directory.CreateTempSubdirectory("hai-replay-bytes-").FullName;
        await using var database = await InfluxDbTestDatabase.CreateAsync("replay_bytes");
        try
        {
            var file = Path.Combine(folder, "recording.jsonl");
            await File.WriteAllBytesAsync(file, [.. good.Case.Message, (byte)'\r', (byte)'\n', .. notUtf8, (byte)'\n', .. "not json at all\n"u8, .. "   \n"u8]);

            await using var replay = ConnectorCommandProcess.Start(["replay", file], new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Direct__Sink"] = "InfluxDb",
                ["Direct__DataPath"] = folder,
                ["InfluxDb__Url"] = database.BaseUrl.ToString(),
                ["InfluxDb__ApiVersion"] = "V1",
                ["InfluxDb__Database"] = database.Name,
                ["Pipeline__Precision"] = "Milliseconds",
            });
            var exitCode = await replay.WaitForExitAsync(Timeout, "connector replay");
            var output = replay.Tail();

            Assert.True(exitCode == 0, $"connector replay exited with {exitCode}:\n{output}");
            Assert.True(output.Contains("3 lines, 3 events", StringComparison.Ordinal), output);
            var letters = ReadDeadLetters(Path.Combine(folder, "dead-letters"));
            Assert.Equal(["MalformedJson", "MalformedJson"], letters.Select(l => l.Reason));
            var differences = PointComparison.Differences([.. good.Expected.Points.Select(point => (good.Case.Name, point))], await InfluxReadBack.AllPointsAsync(database));
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<(string Reason, string? Detail)> ReadDeadLetters(string folder)
    {
        var letters = new List<(string, string?)>();
        if (!Directory.Exists(folder))
        {
            return letters;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file, Encoding.UTF8).Where(l => l.Length > 0))
            {
                using var letter = JsonDocument.Parse(line);
                string? Member(string name) => letter.RootElement.EnumerateObject()
                    .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
                letters.Add((Member("reason") ?? "(none)", Member("detail")));
            }
        }

        return letters;
    }
}
