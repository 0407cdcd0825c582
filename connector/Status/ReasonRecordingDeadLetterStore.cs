using HaIngestor.Core.DeadLetters;

namespace HaIngestor.Connector.Status;

/// <summary>The dead-letter store, noting each letter's reason for the status page on the way in.</summary>
internal sealed class ReasonRecordingDeadLetterStore(IDeadLetterStore inner, RecentProblems problems) : IDeadLetterStore
{
    public async Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        await inner.AddAsync(letters, cancellationToken).ConfigureAwait(false);
        problems.AddDeadLetterReasons(letters.Select(l => l.Detail is { Length: > 0 } detail ? $"{l.Reason}: {detail}" : l.Reason));
    }

    public IAsyncEnumerable<DeadLetter> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);
}
