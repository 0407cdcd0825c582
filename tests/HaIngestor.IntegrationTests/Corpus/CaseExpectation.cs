using HaIngestor.Core.Pipeline;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>What the pipeline must do with one corpus case in one schema.</summary>
internal sealed record CaseExpectation(ProcessOutcome Outcome, RejectReason Reason, IReadOnlyList<ExpectedPoint> Points)
{
    public static CaseExpectation Written(params ExpectedPoint[] points) => new(ProcessOutcome.Written, RejectReason.None, points);

    public static CaseExpectation Skipped { get; } = new(ProcessOutcome.Skipped, RejectReason.None, []);

    public static CaseExpectation Rejected(RejectReason reason) => new(ProcessOutcome.Rejected, reason, []);
}
