using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Pipeline;

/// <summary>
/// The pure pipeline: parse, validate, normalize, enrich, map to points and serialize one event message
/// (an <see cref="Parsing.IngestEnvelope"/>) into line protocol. Thread-safe; no I/O; never throws on bad input.
/// </summary>
public sealed class EventPipeline
{
    /// <summary>Creates a pipeline for the given options.</summary>
    public EventPipeline(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options in force.</summary>
    public PipelineOptions Options { get; }

    /// <summary>Processes one event message, appending its lines to <paramref name="output"/>.</summary>
    public ProcessResult Process(ReadOnlySpan<byte> eventMessage, LineProtocolWriter output, in EnrichmentContext enrichment = default)
    {
        throw new NotImplementedException();
    }
}
