using System.Text.Json;
using System.Text.Unicode;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Validation;

namespace HaIngestor.Core.Pipeline;

/// <summary>
/// The pure pipeline: parse, validate, normalize, enrich, map to points and serialize one event message
/// (an <see cref="Parsing.IngestEnvelope"/>) into line protocol. Thread-safe; no I/O; never throws on bad input.
/// </summary>
/// <remarks>
/// One reading pass over the UTF-8 bytes (see EventReader) records where every needed value sits in the message;
/// validation and mapping then read those slices, and strings go from the message bytes straight into the writer's
/// buffer. Options are read once, at construction.
/// </remarks>
public sealed class EventPipeline
{
    private readonly DefaultSchemaMapper _defaultMapper;
    private readonly HomeAssistantSchemaMapper _homeAssistantMapper;
    private readonly PointSchema _schema;
    private readonly int _maxEventBytes;
    private readonly QualityTracker? _quality;
    private readonly bool _tagOutOfRange;

    /// <summary>Creates a pipeline for the given options; <paramref name="quality"/> observes every event when given.</summary>
    public EventPipeline(PipelineOptions options, QualityTracker? quality = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Measurement);
        Options = options;
        _schema = options.Schema;
        _maxEventBytes = options.MaxEventBytes;
        _defaultMapper = new DefaultSchemaMapper(options);
        _homeAssistantMapper = new HomeAssistantSchemaMapper(options);
        _quality = quality;
        _tagOutOfRange = quality is { Options.TagOutOfRange: true };
    }

    /// <summary>The options in force.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The data-quality tracker observing the events; null when quality is not tracked.</summary>
    public QualityTracker? Quality => _quality;

    /// <summary>
    /// Processes one event message, appending its lines to <paramref name="output"/>. The result also carries what the
    /// caller needs of the event besides its lines (time fired, with <paramref name="readContextId"/> the context id),
    /// taken from the same read.
    /// </summary>
    public ProcessResult Process(
        ReadOnlySpan<byte> eventMessage, LineProtocolWriter output, in EnrichmentContext enrichment = default, bool readContextId = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (eventMessage.Length > _maxEventBytes)
        {
            return ProcessResult.Rejected(RejectReason.Oversize, "The event message is larger than Pipeline:MaxEventBytes.");
        }

        if (!Utf8.IsValid(eventMessage))
        {
            return ProcessResult.Rejected(RejectReason.MalformedJson, "The event message is not valid UTF-8.");
        }

        if (SurrogateEscapes.HasLone(eventMessage))
        {
            return ProcessResult.Rejected(RejectReason.MalformedJson, "The event message holds a lone surrogate escape (e.g. \\ud800), which is no Unicode text.");
        }

        var scratch = PipelineScratch.Current;
        if (!EventReader.TryRead(eventMessage, out var view, scratch.Attributes, isValidUtf8: true))
        {
            return ProcessResult.Rejected(RejectReason.MalformedJson, "The event message is not a well-formed JSON value.");
        }

        try
        {
            var source = new EventSource(eventMessage, scratch);
            var result = Map(source, view, scratch.Attributes, output, enrichment);
            return readContextId && view.ContextId.IsString && view.ContextId.Length is > 0 and <= 255
                ? result with { ContextId = System.Text.Encoding.UTF8.GetString(source.Text(view.ContextId)) }
                : result;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Reachable only through a string the reader accepted but cannot unescape (a lone surrogate such as
            // \ud800): Utf8JsonReader.CopyString throws then. The line in progress is dropped whole.
            output.CancelLine();
            return ProcessResult.Rejected(RejectReason.MalformedJson, "A string in the event message cannot be unescaped (e.g. a lone surrogate escape).");
        }
    }

    /// <summary>Validates and maps a read event; kept out of the try block so the JIT optimizes it fully.</summary>
    private ProcessResult Map(in EventSource source, in EventView view, AttributeBuffer attributes, LineProtocolWriter output, in EnrichmentContext enrichment)
    {
        var reason = EventValidator.Validate(source, view, out var kind, out var timestamp, out var timeFired, out var detail);
        if (kind == EventKind.Statistics)
        {
            return MapStatistics(source, view, reason, detail, timestamp, output);
        }

        if (reason != RejectReason.None)
        {
            _quality?.ObserveRejected(source, view, reason);
            return ProcessResult.Rejected(reason, detail ?? reason.ToString()) with
            {
                TimeFired = timeFired,
                Quality = _quality?.CountsOf(source, view),
            };
        }

        // Observed from the slices already read: no second parse. Mapping then writes the line as before.
        var outOfRange = false;
        var counts = _quality?.ObserveValid(source, view, kind, timestamp, out outOfRange);
        var result = kind switch
        {
            EventKind.StateChanged when _schema == PointSchema.HomeAssistant
                => _homeAssistantMapper.Map(source, view, attributes, timestamp, output),
            EventKind.StateChanged => _defaultMapper.Map(source, view, attributes, timestamp, enrichment, output, outOfRange && _tagOutOfRange),
            EventKind.CallService => EventMapper.MapCallService(source, view, timestamp, output),
            _ => EventMapper.MapOther(source, view, timestamp, output),
        };
        counts?.Count(result.Outcome);
        return result with { TimeFired = timeFired, Quality = counts };
    }

    /// <summary>
    /// An hour of a long-term statistic: recorded history, not a live event, so neither data quality nor the lag
    /// metric sees it (no <see cref="ProcessResult.TimeFired"/>).
    /// </summary>
    private static ProcessResult MapStatistics(
        in EventSource source, in EventView view, RejectReason reason, string? detail, DateTimeOffset start, LineProtocolWriter output)
    {
        if (reason != RejectReason.None)
        {
            return ProcessResult.Rejected(reason, detail ?? reason.ToString());
        }

        if (!view.Data.IsObject)
        {
            return ProcessResult.Rejected(RejectReason.WrongJsonKind, "ha_ingestor_statistics data is not an object.");
        }

        reason = StatisticsEvent.TryRead(source.Json(view.Data), start, out var point, out detail);
        if (reason != RejectReason.None)
        {
            return ProcessResult.Rejected(reason, detail ?? reason.ToString());
        }

        var home = view.Home.IsString && view.Home.Length > 0 ? System.Text.Encoding.UTF8.GetString(source.Text(view.Home)) : null;
        return StatisticsMapper.Write(output, point, home) ? ProcessResult.Written(1) : ProcessResult.Skipped;
    }
}
