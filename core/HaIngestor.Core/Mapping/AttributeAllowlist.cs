using System.Text;

namespace HaIngestor.Core.Mapping;

/// <summary>The attributes the default schema writes as typed float fields, each under the key <c>attr_&lt;name&gt;</c>.</summary>
internal sealed class AttributeAllowlist
{
    /// <summary>Prefix of typed attribute fields; it keeps them apart from the weather fields (<c>temperature</c>, ...).</summary>
    public const string FieldPrefix = "attr_";

    private readonly byte[][] _names;
    private readonly byte[][] _fieldKeys;

    /// <summary>Per name length, the indexes of the names of that length: every number attribute of every event is looked up.</summary>
    private readonly int[][] _byLength;

    public AttributeAllowlist(IEnumerable<string> names)
    {
        var distinct = names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _names = [.. distinct.Select(Encoding.UTF8.GetBytes)];
        _fieldKeys = [.. distinct.Select(n => Encoding.UTF8.GetBytes(FieldPrefix + n))];
        var longest = _names.Length == 0 ? 0 : _names.Max(n => n.Length);
        _byLength = new int[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            _byLength[length] = [.. Enumerable.Range(0, _names.Length).Where(i => _names[i].Length == length)];
        }
    }

    public int Count => _names.Length;

    public int IndexOf(ReadOnlySpan<byte> name)
    {
        var byLength = _byLength;
        if ((uint)name.Length >= (uint)byLength.Length)
        {
            return -1;
        }

        foreach (var index in byLength[name.Length])
        {
            if (name.SequenceEqual(_names[index]))
            {
                return index;
            }
        }

        return -1;
    }

    public ReadOnlySpan<byte> FieldKey(int index) => _fieldKeys[index];
}
