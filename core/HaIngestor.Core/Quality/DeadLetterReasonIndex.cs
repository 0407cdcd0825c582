using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Processing;

namespace HaIngestor.Core.Quality;

/// <summary>
/// The fixed set of dead-letter reasons a counter is kept for: every <see cref="RejectReason"/> and every
/// <see cref="DeadLetterReasons"/> code, and <c>Other</c> for anything else, so the <c>reason</c> label's cardinality
/// is bounded whatever reason string a caller passes.
/// </summary>
internal static class DeadLetterReasonIndex
{
    /// <summary>The label of a reason outside the set.</summary>
    public const string Other = "Other";

    /// <summary>Reason names by index.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Enum.GetNames<RejectReason>(), DeadLetterReasons.SinkRejected, DeadLetterReasons.SinkUnavailable, DeadLetterReasons.PipelineError, Other];

    private static readonly Dictionary<string, int> Indexes = Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    /// <summary>The index of <paramref name="reason"/>; that of <see cref="Other"/> for a reason outside the set.</summary>
    public static int Of(string reason) => Indexes.TryGetValue(reason, out var index) ? index : Indexes[Other];
}
