namespace HaIngestor.Core.DeadLetters;

/// <summary>Durable store for events that could not be written (Azure Blob Storage, or files in direct mode).</summary>
public interface IDeadLetterStore
{
    /// <summary>Stores the letters durably; throws only when the store itself is unreachable.</summary>
    Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>Reads stored letters (oldest first), e.g. to replay them.</summary>
    IAsyncEnumerable<DeadLetter> ReadAllAsync(CancellationToken cancellationToken);
}
