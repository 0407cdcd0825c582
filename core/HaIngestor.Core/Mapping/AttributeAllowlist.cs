using System.Numerics;
using System.Text;

namespace HaIngestor.Core.Mapping;

/// <summary>The attributes the default schema writes as typed float fields, each under the key <c>attr_&lt;name&gt;</c>.</summary>
internal sealed class AttributeAllowlist
{
    /// <summary>Prefix of typed attribute fields; it keeps them apart from the weather fields (<c>temperature</c>, ...).</summary>
    public const string FieldPrefix = "attr_";

    private readonly byte[][] _names;
    private readonly byte[][] _fieldKeys;

    /// <summary>
    /// Open-addressing table of index + 1 (0 = empty), hashed on length, first and last byte: every number attribute
    /// of every event is looked up, and most are not in the list, which then usually costs no comparison at all.
    /// </summary>
    private readonly int[] _slots;

    public AttributeAllowlist(IEnumerable<string> names)
    {
        var distinct = names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _names = [.. distinct.Select(Encoding.UTF8.GetBytes)];
        _fieldKeys = [.. distinct.Select(n => Encoding.UTF8.GetBytes(FieldPrefix + n))];
        _slots = new int[Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)_names.Length * 4))];
        for (var i = 0; i < _names.Length; i++)
        {
            var slot = Hash(_names[i]) & (_slots.Length - 1);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (_slots.Length - 1);
            }

            _slots[slot] = i + 1;
        }
    }

    public int Count => _names.Length;

    public int IndexOf(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return -1;
        }

        var slots = _slots;
        var slot = Hash(name) & (slots.Length - 1);
        while (true)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (name.SequenceEqual(_names[entry - 1]))
            {
                return entry - 1;
            }

            slot = (slot + 1) & (slots.Length - 1);
        }
    }

    private static int Hash(ReadOnlySpan<byte> name) => (name.Length * 31) ^ (name[0] * 7) ^ (name[^1] * 131);

    public ReadOnlySpan<byte> FieldKey(int index) => _fieldKeys[index];
}
