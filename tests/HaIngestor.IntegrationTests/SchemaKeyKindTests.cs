using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Schema;
using HaIngestor.Core.Serialization;
using HaIngestor.IntegrationTests.Corpus;
using HaIngestor.IntegrationTests.Schema;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

/// <summary>
/// One kind per key (docs/SCHEMA.md): no key is a tag in one measurement and a field in another, in either schema,
/// checked on the mapper definitions, on what the pipeline writes, and on what a real InfluxDB 1.x then reports.
/// </summary>
public sealed class SchemaKeyKindTests
{
    public static TheoryData<PointSchema> Schemas => [PointSchema.Default, PointSchema.HomeAssistant];

    [Fact]
    public void Catalog_Discovery_FindsTheMeasurementsOfBothSchemasAndTheSummaries()
    {
        var declarations = MeasurementCatalog.All.Select(m => m.Declaration).ToList();

        Assert.Contains(MeasurementCatalog.All, m => ReferenceEquals(m.Keys, DefaultStateKeys.Keys));
        Assert.Contains(MeasurementCatalog.All, m => ReferenceEquals(m.Keys, HomeAssistantStateKeys.Keys));
        Assert.Contains(MeasurementCatalog.All, m => ReferenceEquals(m.Keys, ServiceCallKeys.Keys));
        Assert.Contains(MeasurementCatalog.All, m => ReferenceEquals(m.Keys, OtherEventKeys.Keys));
        Assert.Contains(MeasurementCatalog.All, m => ReferenceEquals(m.Keys, StatisticsKeys.Keys) && m.Keys.Schemas.Count == 2);
        Assert.Contains(declarations, d => d.StartsWith("HaIngestor.Adapters.", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_EveryMeasurement_NoKeyIsATagInOneAndAFieldInAnotherNorAFieldOfTwoTypes()
    {
        var conflicts = MeasurementCatalog.FixedKeys
            .GroupBy(k => k.Key.Name, StringComparer.Ordinal)
            .Where(g => g.Select(k => (k.Key.Kind, k.Key.FieldType)).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(k => $"{k.Key} in {k.Declaration}")))
            .ToList();

        Assert.True(conflicts.Count == 0, "Keys of more than one kind:\n  " + string.Join("\n  ", conflicts));
    }

    [Fact]
    public void Catalog_KeyFamilies_CannotProduceATagKeyAsAField()
    {
        var tagKeys = MeasurementCatalog.FixedKeys.Where(k => k.Key.Kind == PointKeyKind.Tag).Select(k => k.Key.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (declaration, keys) in MeasurementCatalog.All)
        {
            foreach (var family in keys.Families)
            {
                if (family.Kind == PointKeyKind.Tag && family.Source != PointKeyFamilySource.RawTags)
                {
                    problems.Add($"{declaration}: tag family {family.Pattern} takes names from the data");
                }

                if (family.Kind == PointKeyKind.Field)
                {
                    // A family with a prefix or suffix no tag key has cannot collide; one that takes attribute names
                    // as they are relies on the mapper renaming every tag key (checked on the output below).
                    problems.AddRange(tagKeys.Where(family.Matches).Where(_ => family.Prefix.Length + family.Suffix.Length > 0)
                        .Select(t => $"{declaration}: field family {family.Pattern} matches tag key {t}"));
                    if (family.Prefix.Length + family.Suffix.Length == 0)
                    {
                        problems.AddRange(tagKeys.Except(ReservedAttributeNames.All).Select(t => $"{declaration}: field family {family.Pattern} does not rename tag key {t} (add its measurement to ReservedAttributeNames)"));
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Process_CorpusAndAttributesNamedLikeEveryKey_WritesOnlyDeclaredKeysOfTheirDeclaredKind(PointSchema schema)
    {
        var declared = MeasurementCatalog.All.Where(m => m.Keys.Schemas.Contains(schema)).Select(m => m.Keys).ToList();
        var fixedKinds = declared.SelectMany(m => m.Keys).GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        var families = declared.SelectMany(m => m.Families).Where(f => f.Source == PointKeyFamilySource.Attributes).ToList();

        var written = WrittenKeys(schema);

        var problems = new List<string>();
        foreach (var (key, kinds) in written)
        {
            if (kinds.Count > 1)
            {
                problems.Add($"{key} written as both tag and field");
            }

            foreach (var kind in kinds)
            {
                var known = fixedKinds.TryGetValue(key, out var fixedKind)
                    ? fixedKind == kind
                    : families.Any(f => f.Kind == kind && f.Matches(key) && (f.Prefix.Length + f.Suffix.Length > 0 || !ReservedAttributeNames.All.Contains(key)));
                if (!known)
                {
                    problems.Add($"{key} written as {kind}, not declared so");
                }
            }
        }

        Assert.True(problems.Count == 0, $"Schema {schema}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task RealInfluxDb_CorpusWritten_ShowTagKeysAndShowFieldKeysNeverShareAKeyAndAQueryAcrossMeasurementsFindsTheDoor(PointSchema schema)
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync($"keys_{schema}");
        var response = await database.WriteAsync(AllLines(schema), "ms");
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");

        var tags = (await database.QueryAsync("SHOW TAG KEYS")).SelectMany(s => s.Values.Select(r => (Measurement: s.Name, Key: r[0].GetString()!))).ToList();
        var fields = (await database.QueryAsync("SHOW FIELD KEYS")).SelectMany(s => s.Values.Select(r => (Measurement: s.Name, Key: r[0].GetString()!))).ToList();
        var both = tags.Select(t => t.Key).Intersect(fields.Select(f => f.Key), StringComparer.Ordinal)
            .Select(k => $"{k}: tag in {string.Join(", ", tags.Where(t => t.Key == k).Select(t => t.Measurement))}; field in {string.Join(", ", fields.Where(f => f.Key == k).Select(f => f.Measurement))}")
            .ToList();
        Assert.True(both.Count == 0, "Keys that are a tag and a field:\n  " + string.Join("\n  ", both));

        await AssertQueryAcrossMeasurementsFindsWhatEachFindsAsync(database);
    }

    [Fact]
    public async Task RealInfluxDb_BothSchemasInOneDatabase_NeverShareAKeyAsTagAndField()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("keys_both");
        foreach (var schema in new[] { PointSchema.Default, PointSchema.HomeAssistant })
        {
            var response = await database.WriteAsync(AllLines(schema), "ms");
            Assert.True(response.IsSuccess, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");
        }

        var tags = (await database.QueryAsync("SHOW TAG KEYS")).SelectMany(s => s.Values.Select(r => r[0].GetString()!)).ToHashSet(StringComparer.Ordinal);
        var fields = (await database.QueryAsync("SHOW FIELD KEYS")).SelectMany(s => s.Values.Select(r => r[0].GetString()!)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(tags.Intersect(fields));
        await AssertQueryAcrossMeasurementsFindsWhatEachFindsAsync(database);
    }

    /// <summary>
    /// The issue's query over all measurements returns the door's points, exactly those the same query finds
    /// measurement by measurement (on 1.x a key that is a field anywhere makes it return nothing at all).
    /// </summary>
    private static async Task AssertQueryAcrossMeasurementsFindsWhatEachFindsAsync(InfluxDbTestDatabase database)
    {
        const string Where = " WHERE \"entity_id\" =~ /door/";
        var across = (await database.QueryAsync("SELECT \"value\" FROM /.*/" + Where)).Sum(s => s.Values.Count);
        var each = 0;
        foreach (var measurement in (await database.QueryAsync("SHOW MEASUREMENTS")).SelectMany(s => s.Values).Select(r => r[0].GetString()!))
        {
            each += (await database.QueryAsync($"SELECT \"value\" FROM {InfluxReadBack.QuoteIdentifier(measurement)}" + Where)).Sum(s => s.Values.Count);
        }

        Assert.True(each > 0, "the corpus has door points");
        Assert.Equal(each, across);
    }

    /// <summary>Every line the corpus gives in <paramref name="schema"/>, plus a state whose attributes are named after every declared key.</summary>
    private static byte[] AllLines(PointSchema schema)
    {
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);
        var pipeline = new EventPipeline(new PipelineOptions { Schema = schema });
        foreach (var message in KeyNamedAttributeEvents())
        {
            var result = pipeline.Process(message, writer, default);
            Assert.True(result.Outcome == ProcessOutcome.Written, $"{result.Outcome} {result.Reason} {result.Detail}");
        }

        return [.. ProcessedCase.ProcessAll(schema).SelectMany(p => p.Lines), .. writer.WrittenSpan];
    }

    private static Dictionary<string, HashSet<PointKeyKind>> WrittenKeys(PointSchema schema)
    {
        var written = new Dictionary<string, HashSet<PointKeyKind>>(StringComparer.Ordinal);
        foreach (var line in LineProtocolLine.ParseAll(AllLines(schema)))
        {
            foreach (var (key, _) in line.Tags)
            {
                Add(key, PointKeyKind.Tag);
            }

            foreach (var (key, _) in line.Fields)
            {
                Add(key, PointKeyKind.Field);
            }
        }

        return written;

        void Add(string key, PointKeyKind kind)
        {
            if (!written.TryGetValue(key, out var kinds))
            {
                written[key] = kinds = [];
            }

            kinds.Add(kind);
        }
    }

    /// <summary>
    /// Sensors whose attributes carry every key name of the catalog, once with each JSON kind (number, bool, string,
    /// digit-tail string, null, list), so every family's renaming is exercised on the names that matter.
    /// </summary>
    private static IEnumerable<byte[]> KeyNamedAttributeEvents()
    {
        var names = MeasurementCatalog.FixedKeys.Select(k => k.Key.Name).Distinct(StringComparer.Ordinal).ToList();
        JsonNode?[] values = [12.5, true, "text", "12.5 W", null, new JsonArray(1, 2)];
        var time = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < values.Length; i++)
        {
            var attributes = new JsonObject();
            foreach (var name in names)
            {
                attributes[name] = values[i]?.DeepClone();
            }

            var updated = CorpusBuilder.Iso(time.AddSeconds(i));
            var state = new JsonObject { ["entity_id"] = $"sensor.key_names_{i}", ["state"] = "3", ["attributes"] = attributes, ["last_changed"] = updated, ["last_updated"] = updated, ["context"] = new JsonObject { ["id"] = "01JKEYNAMES" } };
            var message = new JsonObject
            {
                ["id"] = 1,
                ["type"] = "event",
                ["event"] = new JsonObject
                {
                    ["event_type"] = "state_changed",
                    ["data"] = new JsonObject { ["entity_id"] = $"sensor.key_names_{i}", ["old_state"] = null, ["new_state"] = state },
                    ["origin"] = "LOCAL",
                    ["time_fired"] = updated,
                    ["context"] = new JsonObject { ["id"] = "01JKEYNAMES" },
                },
            };
            yield return Encoding.UTF8.GetBytes(message.ToJsonString());
        }
    }
}
