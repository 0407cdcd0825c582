using System.Text;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Pipeline;

/// <summary>Runs one message through a pipeline and returns the result and the lines as text.</summary>
internal static class PipelineRun
{
    public static (ProcessResult Result, string Lines) Run(string message, PipelineOptions? options = null, EnrichmentContext enrichment = default)
        => Run(Encoding.UTF8.GetBytes(message), options, enrichment);

    public static (ProcessResult Result, string Lines) Run(byte[] message, PipelineOptions? options = null, EnrichmentContext enrichment = default)
    {
        var pipeline = new EventPipeline(options ?? new PipelineOptions());
        using var writer = new LineProtocolWriter(pipeline.Options.Precision);
        var result = pipeline.Process(message, writer, enrichment);
        return (result, Encoding.UTF8.GetString(writer.WrittenSpan));
    }
}
