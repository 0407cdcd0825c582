namespace HaIngestor.Core.Processing;

/// <summary>Dead-letter reasons that are not pipeline <see cref="Pipeline.RejectReason"/>s. Stable: they go into metrics.</summary>
public static class DeadLetterReasons
{
    /// <summary>The sink refused the event's lines for good (field type conflict, outside retention, unparsable).</summary>
    public const string SinkRejected = "SinkRejected";

    /// <summary>The sink stayed unreachable through every retry on the final attempt.</summary>
    public const string SinkUnavailable = "SinkUnavailable";

    /// <summary>The pipeline failed unexpectedly on this event (a defect, kept so the event is not lost).</summary>
    public const string PipelineError = "PipelineError";
}
