using System.Text;

namespace HaIngestor.Core.Mapping;

/// <summary>The attributes the default schema writes as typed float fields, each under the key <c>attr_&lt;name&gt;</c>.</summary>
internal sealed class AttributeAllowlist
{
    /// <summary>Prefix of typed attribute fields; it keeps them apart from the weather fields (<c>temperature</c>, ...).</summary>
    public const string FieldPrefix = "attr_";

    private readonly byte[][] _names;
    private readonly byte[][] _fieldKeys;

    public AttributeAllowlist(IEnumerable<string> names)
    {
        var distinct = names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _names = [.. distinct.Select(Encoding.UTF8.GetBytes)];
        _fieldKeys = [.. distinct.Select(n => Encoding.UTF8.GetBytes(FieldPrefix + n))];
    }

    public int Count => _names.Length;

    public int IndexOf(ReadOnlySpan<byte> name)
    {
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == name.Length && name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public ReadOnlySpan<byte> FieldKey(int index) => _fieldKeys[index];
}
