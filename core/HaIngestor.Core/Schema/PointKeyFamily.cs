namespace HaIngestor.Core.Schema;

/// <summary>
/// Keys whose names come from the data rather than from the code: <c>attr_&lt;name&gt;</c> fields of the default
/// schema, the attribute fields of the <c>homeassistant</c> schema, the copied tags of a daily summary.
/// </summary>
/// <param name="Pattern">How the name is formed, for the documentation, e.g. <c>attr_&lt;name&gt;</c>.</param>
/// <param name="Kind">Tag or field.</param>
/// <param name="FieldType">The field type; null for tags.</param>
/// <param name="Prefix">Every name of the family starts with this (may be empty).</param>
/// <param name="Suffix">Every name of the family ends with this (may be empty).</param>
/// <param name="Source">Where the names come from.</param>
public sealed record PointKeyFamily(string Pattern, PointKeyKind Kind, PointFieldType? FieldType, string Prefix, string Suffix, PointKeyFamilySource Source)
{
    /// <summary>Whether <paramref name="key"/> has this family's shape (prefix, suffix, and something between).</summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length > Prefix.Length + Suffix.Length
            && key.StartsWith(Prefix, StringComparison.Ordinal)
            && key.EndsWith(Suffix, StringComparison.Ordinal);
    }
}
