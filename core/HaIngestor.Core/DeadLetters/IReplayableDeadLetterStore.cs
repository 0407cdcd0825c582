using System.Runtime.CompilerServices;

namespace HaIngestor.Core.DeadLetters;

/// <summary>
/// A dead-letter store that can hand out its letters in the durable units it wrote them in (a blob, a file), so a
/// replay can remove exactly what it has written again.
/// </summary>
public interface IReplayableDeadLetterStore : IDeadLetterStore
{
    /// <summary>The stored segments, oldest first.</summary>
    IAsyncEnumerable<DeadLetterSegment> ReadSegmentsAsync(CancellationToken cancellationToken);

    /// <summary>Removes a segment after its letters were replayed; removing a missing segment is not an error.</summary>
    Task DeleteSegmentAsync(string segmentId, CancellationToken cancellationToken);

    /// <summary>Every letter of every segment, oldest first: one definition for all segment-based stores.</summary>
    async IAsyncEnumerable<DeadLetter> IDeadLetterStore.ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var segment in ReadSegmentsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var letter in segment.Letters)
            {
                yield return letter;
            }
        }
    }
}
