namespace HaIngestor.Core.DeadLetters;

/// <summary>Letters stored together (one blob or file), identified for removal after a replay.</summary>
/// <param name="Id">The store's name for the segment (blob name, file name).</param>
/// <param name="Letters">The letters, in the order they were stored.</param>
public sealed record DeadLetterSegment(string Id, IReadOnlyList<DeadLetter> Letters);
