namespace HaIngestor.Connector.Status;

/// <summary>A warning, an error or a dead-letter reason, as the status page lists it.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Level">Warning, Error, Critical or DeadLetter.</param>
/// <param name="Message">The log line or the reason.</param>
internal sealed record RecentProblem(DateTimeOffset At, string Level, string Message);
