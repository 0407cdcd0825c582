namespace HaIngestor.Core.Schema;

/// <summary>Where the names of a <see cref="PointKeyFamily"/> come from.</summary>
public enum PointKeyFamilySource
{
    /// <summary>Attribute names of the state (a mapper renames any that would equal a tag key anywhere).</summary>
    Attributes,

    /// <summary>The tag keys of the raw series the point summarizes (so only keys that are tags already).</summary>
    RawTags,
}
