namespace HaIngestor.Connector.Demo;

/// <summary>What a demo run did.</summary>
/// <param name="Received">Events received from the simulated home.</param>
/// <param name="WrittenLines">Line-protocol lines written.</param>
/// <param name="Rejected">Events rejected as invalid (dead-lettered).</param>
/// <param name="JournalDepth">Events left in the journal.</param>
/// <param name="Files">The line-protocol files.</param>
/// <param name="Precision">Timestamp precision of the files, as the InfluxDB tools spell it.</param>
internal sealed record DemoResult(long Received, long WrittenLines, long Rejected, long JournalDepth, IReadOnlyList<string> Files, string Precision);
