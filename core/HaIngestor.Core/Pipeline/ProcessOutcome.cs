namespace HaIngestor.Core.Pipeline;

/// <summary>What happened to one event message.</summary>
public enum ProcessOutcome : byte
{
    /// <summary>One or more lines were written.</summary>
    Written,

    /// <summary>Valid, but deliberately not written (e.g. <c>unknown</c> states when configured to skip); counted, not dead-lettered.</summary>
    Skipped,

    /// <summary>Invalid; the caller dead-letters it with <see cref="ProcessResult.Reason"/>.</summary>
    Rejected,
}
