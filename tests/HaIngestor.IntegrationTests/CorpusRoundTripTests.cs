using System.Net;
using System.Text;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.IntegrationTests.Corpus;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

/// <summary>
/// The corpus of realistic and hostile Home Assistant events through the real pipeline into a real InfluxDB 1.x and
/// back: every event gives exactly the expected points, with zero rejected lines and zero field type conflicts,
/// in both schemas.
/// </summary>
public sealed class CorpusRoundTripTests
{
    public static TheoryData<PointSchema> Schemas => [PointSchema.Default, PointSchema.HomeAssistant];

    [Fact]
    public void Corpus_Always_HasAtLeastSixtyEventsOfEveryKind()
    {
        var cases = EventCorpus.Cases;

        Assert.True(cases.Count >= 60, $"{cases.Count} cases");
        Assert.True(cases.Count(c => c.EventType == "state_changed" && c.Reject is null) >= 60);
        Assert.Contains(cases, c => c.EventType == "call_service");
        Assert.Contains(cases, c => c.EventType is not "state_changed" and not "call_service" && c.Reject is null);
        Assert.Contains(cases, c => c.Reject is not null);
        Assert.Contains(cases, c => c.NewState is null && c.Reject is null);
        Assert.Contains(cases, c => c.Message.Length > 100_000 && c.Reject is null);
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Process_EveryCorpusEvent_GivesTheExpectedOutcome(PointSchema schema)
    {
        var differences = ProcessedCase.ProcessAll(schema).Select(p => p.OutcomeDifference()).OfType<string>().ToList();

        Assert.True(differences.Count == 0, Report(schema, "outcome", differences));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task RoundTrip_WholeCorpusInOneWrite_ReadsBackExactlyTheExpectedPoints(PointSchema schema)
    {
        var processed = ProcessedCase.ProcessAll(schema);
        await using var database = await InfluxDbTestDatabase.CreateAsync($"corpus_one_{schema}");

        var response = await database.WriteAsync(processed.SelectMany(p => p.Lines).ToArray(), "ms");

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");
        await AssertReadBackAsync(schema, processed, database);
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task RoundTrip_EachEventWrittenAlone_AcceptedWithoutTypeConflictsAndReadsBackTheSame(PointSchema schema)
    {
        var processed = ProcessedCase.ProcessAll(schema);
        await using var database = await InfluxDbTestDatabase.CreateAsync($"corpus_each_{schema}");

        var refused = new List<string>();
        foreach (var item in processed.Where(p => p.Lines.Length > 0))
        {
            var response = await database.WriteAsync(item.Lines, "ms");
            if (!response.IsSuccess)
            {
                refused.Add($"[{item.Case.Name}] InfluxDB answered {(int)response.StatusCode}: {response.Body}\n      line: {Encoding.UTF8.GetString(item.Lines).TrimEnd()}");
            }
        }

        Assert.True(refused.Count == 0, Report(schema, "write", refused));
        await AssertReadBackAsync(schema, processed, database);
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task RoundTrip_WholeCorpusAsAFileThroughInfluxImport_ReadsBackExactlyTheExpectedPoints(PointSchema schema)
    {
        // influx -import (Debian package influxdb-client) reads a file line by line: the point of writing no raw
        // line break inside a value.
        var processed = ProcessedCase.ProcessAll(schema);
        await using var database = await InfluxDbTestDatabase.CreateAsync($"corpus_import_{schema}");
        var file = Path.Combine(Path.GetTempPath(), $"{database.Name}.lp");
        try
        {
            await File.WriteAllBytesAsync(file, [.. Encoding.UTF8.GetBytes($"# DML\n# CONTEXT-DATABASE: {database.Name}\n"), .. processed.SelectMany(p => p.Lines)]);

            var (exitCode, output) = await InfluxCli.ImportAsync(database.BaseUrl, file, "ms");

            Assert.True(exitCode == 0, $"influx -import exited with {exitCode}:\n{output}");
        }
        finally
        {
            File.Delete(file);
        }

        await AssertReadBackAsync(schema, processed, database);
    }

    [Fact]
    public async Task RoundTrip_WithStaleWeather_AddsWeatherTagsAndFieldsToStatePoints()
    {
        var weather = new WeatherSnapshot("Amsterdam, NL", "light rain", 7.25, 81, 1012.5, 4.1, 75,
            new DateTimeOffset(2026, 1, 15, 9, 55, 0, TimeSpan.Zero), Stale: true);
        var processed = ProcessedCase.ProcessAll(PointSchema.Default, weather);
        var outcomes = processed.Select(p => p.OutcomeDifference()).OfType<string>().ToList();
        Assert.True(outcomes.Count == 0, Report(PointSchema.Default, "outcome", outcomes));
        await using var database = await InfluxDbTestDatabase.CreateAsync("corpus_weather");

        var response = await database.WriteAsync(processed.SelectMany(p => p.Lines).ToArray(), "ms");

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"InfluxDB answered {(int)response.StatusCode}: {response.Body}");
        await AssertReadBackAsync(PointSchema.Default, processed, database);
    }

    private static async Task AssertReadBackAsync(PointSchema schema, IReadOnlyList<ProcessedCase> processed, InfluxDbTestDatabase database)
    {
        var expected = processed.SelectMany(p => p.Expected.Points.Select(point => (p.Case.Name, point)));
        var actual = await InfluxReadBack.AllPointsAsync(database);

        var differences = PointComparison.Differences(expected, actual);

        Assert.True(differences.Count == 0, Report(schema, "read-back", differences));
    }

    private static string Report(PointSchema schema, string what, IReadOnlyCollection<string> differences)
        => $"{differences.Count} {what} difference(s) in schema {schema}:\n  " + string.Join("\n  ", differences);
}
