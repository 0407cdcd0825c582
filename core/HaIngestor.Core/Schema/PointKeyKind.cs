namespace HaIngestor.Core.Schema;

/// <summary>Whether a key is written as a tag or as a field.</summary>
public enum PointKeyKind
{
    /// <summary>An indexed tag (always a string).</summary>
    Tag,

    /// <summary>A field of one <see cref="PointFieldType"/>.</summary>
    Field,
}
