namespace HaIngestor.Connector.AddOn;

/// <summary>One option of the add-on's <c>options.json</c>: its name and its type in the Supervisor's schema syntax.</summary>
/// <param name="Name">The option's key in <c>config.yaml</c> and <c>options.json</c>.</param>
/// <param name="SchemaType">The Supervisor schema type, e.g. <c>str?</c>, <c>password?</c>, <c>list(a|b)</c>, <c>[str]</c> for a list of strings.</param>
public sealed record AddOnOption(string Name, string SchemaType)
{
    /// <summary>False when the type ends with <c>?</c> (the Supervisor lets the user leave it unset) or is a list.</summary>
    public bool Required => !SchemaType.EndsWith('?') && !SchemaType.StartsWith('[');
}
