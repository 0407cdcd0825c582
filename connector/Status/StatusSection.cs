namespace HaIngestor.Connector.Status;

/// <summary>A titled list of rows on the status page.</summary>
/// <param name="Id">Stable identifier (snake_case), the key of the section in <c>/status.json</c>.</param>
/// <param name="Title">Heading shown on the page.</param>
/// <param name="Rows">Label, value and level (<c>ok</c>, <c>warn</c>, <c>bad</c> or null) of each row.</param>
public sealed record StatusSection(string Id, string Title, IReadOnlyList<StatusRow> Rows);
