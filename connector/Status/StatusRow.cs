namespace HaIngestor.Connector.Status;

/// <summary>One row of a <see cref="StatusSection"/>.</summary>
/// <param name="Label">What the row is about.</param>
/// <param name="Value">Its current value, as text.</param>
/// <param name="Level"><c>ok</c>, <c>warn</c>, <c>bad</c> or null: the row's colour.</param>
public sealed record StatusRow(string Label, string Value, string? Level = null);
