using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>A corpus case after the pipeline: its result, its line-protocol bytes, and what was expected.</summary>
internal sealed record ProcessedCase(CorpusCase Case, ProcessResult Result, byte[] Lines, CaseExpectation Expected)
{
    /// <summary>What the pipeline threw, when it broke its promise never to throw on bad input.</summary>
    public Exception? Thrown { get; init; }

    public static IReadOnlyList<ProcessedCase> ProcessAll(PointSchema schema, WeatherSnapshot? weather = null)
    {
        var enrichment = new EnrichmentContext(weather);
        var pipeline = new EventPipeline(new PipelineOptions { Schema = schema });
        var processed = new List<ProcessedCase>();
        using var writer = new LineProtocolWriter(WritePrecision.Milliseconds);
        foreach (var corpusCase in EventCorpus.Cases)
        {
            writer.Clear();
            var expected = CorpusExpectations.For(corpusCase, schema, weather);
            try
            {
                var result = pipeline.Process(corpusCase.Message, writer, enrichment);
                processed.Add(new ProcessedCase(corpusCase, result, writer.WrittenSpan.ToArray(), expected));
            }
#pragma warning disable CA1031 // Reported as this case's difference, so one bad case does not hide the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                writer.CancelLine();
                processed.Add(new ProcessedCase(corpusCase, default, [], expected) { Thrown = ex });
            }
        }

        return processed;
    }

    /// <summary>Why the result differs from the expectation, or null when it does not.</summary>
    public string? OutcomeDifference()
    {
        if (Thrown is not null)
        {
            return $"[{Case.Name}] expected {Expected.Outcome}/{Expected.Reason} but the pipeline threw {Thrown.GetType().Name}: {Thrown.Message}";
        }

        if (Result.Outcome != Expected.Outcome || Result.Reason != Expected.Reason)
        {
            return $"[{Case.Name}] expected {Expected.Outcome}/{Expected.Reason} but got {Result.Outcome}/{Result.Reason} ({Result.Detail})";
        }

        if (Result.Outcome == ProcessOutcome.Written && Result.Lines != Expected.Points.Count)
        {
            return $"[{Case.Name}] expected {Expected.Points.Count} line(s) but got {Result.Lines}";
        }

        return null;
    }
}
