using System.Text;

namespace HaIngestor.Core.Schema;

/// <summary>
/// One tag or field key with a fixed name. The mappers write keys only through these definitions, so the catalog in
/// <see cref="MeasurementKeys"/> is what they write (docs/SCHEMA.md).
/// </summary>
public sealed class PointKey
{
    private readonly byte[] _utf8;

    private PointKey(string name, PointKeyKind kind, PointFieldType? fieldType, string? formerName)
    {
        Name = name;
        Kind = kind;
        FieldType = fieldType;
        FormerName = formerName;
        _utf8 = Encoding.UTF8.GetBytes(name);
    }

    /// <summary>The key as written.</summary>
    public string Name { get; }

    /// <summary>Tag or field.</summary>
    public PointKeyKind Kind { get; }

    /// <summary>The field's type; null for a tag.</summary>
    public PointFieldType? FieldType { get; }

    /// <summary>The name this key had before it was renamed (docs/SCHEMA.md gives the date), if it was.</summary>
    public string? FormerName { get; }

    /// <summary>The name in UTF-8, for the line-protocol writer.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>A tag key.</summary>
    public static PointKey Tag(string name) => new(name, PointKeyKind.Tag, null, null);

    /// <summary>A field key of one type; <paramref name="formerName"/> when it replaced another key.</summary>
    public static PointKey Field(string name, PointFieldType type, string? formerName = null) => new(name, PointKeyKind.Field, type, formerName);

    /// <inheritdoc />
    public override string ToString() => Kind == PointKeyKind.Tag ? $"tag {Name}" : $"{FieldType} field {Name}".ToLowerInvariant();
}
