namespace HaIngestor.Core.Schema;

/// <summary>The line-protocol type of a field key; one per key, forever (invariant 3).</summary>
public enum PointFieldType
{
    /// <summary>A quoted string.</summary>
    String,

    /// <summary>A 64-bit float.</summary>
    Float,

    /// <summary>A 64-bit integer (<c>i</c> suffix).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}
