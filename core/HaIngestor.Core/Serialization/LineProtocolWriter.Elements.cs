using System.Globalization;

namespace HaIngestor.Core.Serialization;

/// <summary>Tags and fields.</summary>
public sealed partial class LineProtocolWriter
{
    /// <summary>Longest text of a double: <c>-1.7976931348623157E+308</c> and room to spare.</summary>
    private const int MaxDoubleLength = 32;

    /// <summary>Longest text of a long: <c>-9223372036854775808</c>.</summary>
    private const int MaxLongLength = 20;

    /// <summary>Adds a tag; skipped when the key or value is empty (InfluxDB forbids empty tag values).</summary>
    public void Tag(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> valueUtf8)
    {
        EnsureInLine();
        if (keyUtf8.IsEmpty || valueUtf8.IsEmpty)
        {
            return;
        }

        if (_tagCount == _tagEntries.Length)
        {
            Grow(ref _tagEntries, _tagCount * 2);
        }

        // Stored as ",key=value", ready to copy. Escaping at most doubles a name (and "time" grows by one), so one
        // reservation covers both.
        EnsureCapacity(ref _tags, _tagsLength, (2 * (keyUtf8.Length + valueUtf8.Length)) + 2);
        var tags = _tags;
        tags[_tagsLength] = (byte)',';
        var start = _tagsLength + 1;
        var keyEnd = WriteKey(tags, start, keyUtf8);
        tags[keyEnd] = (byte)'=';
        _tagsLength = WriteName(tags, keyEnd + 1, valueUtf8, Element.Name);
        _tagEntries[_tagCount++] = new TagEntry(start, keyEnd - start, _tagsLength - keyEnd - 1);
    }

    /// <inheritdoc cref="Tag(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public void Tag(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(value) || key.Length == 0)
        {
            EnsureInLine();
            return;
        }

        var keyLength = Encode(key, 0).Length;
        var valueLength = Encode(value, keyLength).Length;
        Tag(_scratch.AsSpan(0, keyLength), _scratch.AsSpan(keyLength, valueLength));
    }

    /// <summary>A tag with a UTF-8 key and a .NET string value (the weather's), encoding only the value.</summary>
    internal void Tag(ReadOnlySpan<byte> keyUtf8, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            EnsureInLine();
            return;
        }

        Tag(keyUtf8, Encode(value, 0));
    }

    /// <summary>Adds a float field; NaN and infinities are skipped (InfluxDB cannot store them).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, double value)
    {
        EnsureInLine();
        if (!double.IsFinite(value))
        {
            return;
        }

        var pos = BeginField(keyUtf8, MaxDoubleLength);
        if (pos >= 0)
        {
            _fieldsLength = NumberText.WriteDouble(_fields, pos, value);
        }
    }

    /// <summary>Adds an integer field (<c>i</c> suffix).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, long value)
    {
        EnsureInLine();
        var pos = BeginField(keyUtf8, MaxLongLength + 1);
        if (pos < 0)
        {
            return;
        }

        value.TryFormat(_fields.AsSpan(pos), out var written, default, CultureInfo.InvariantCulture);
        pos += written;
        _fields[pos++] = (byte)'i';
        _fieldsLength = pos;
    }

    /// <summary>Adds a boolean field.</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, bool value)
    {
        EnsureInLine();
        var pos = BeginField(keyUtf8, 5);
        if (pos < 0)
        {
            return;
        }

        ReadOnlySpan<byte> text = value ? "true"u8 : "false"u8;
        text.CopyTo(_fields.AsSpan(pos));
        _fieldsLength = pos + text.Length;
    }

    /// <summary>Adds a string field from UTF-8 text (escaped here).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> valueUtf8)
    {
        EnsureInLine();
        var pos = BeginField(keyUtf8, (2 * valueUtf8.Length) + EscapeSlack + 2);
        if (pos < 0)
        {
            return;
        }

        var fields = _fields;
        fields[pos++] = (byte)'"';
        pos = EscapeStringValue(valueUtf8, fields, pos);
        fields[pos++] = (byte)'"';
        _fieldsLength = pos;
    }

    /// <summary>Adds a string field from a .NET string.</summary>
    public void Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var keyLength = Encode(key, 0).Length;
        var valueLength = Encode(value, keyLength).Length;
        Field(_scratch.AsSpan(0, keyLength), _scratch.AsSpan(keyLength, valueLength));
    }

    /// <summary>Adds a float field.</summary>
    public void Field(string key, double value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Field(Encode(key, 0), value);
    }

    /// <summary>
    /// Reserves room for the separator, the escaped key and <paramref name="valueLength"/> bytes of value, writes
    /// all but the value, and returns where the value goes; -1 (nothing written) when the key is empty.
    /// </summary>
    private int BeginField(ReadOnlySpan<byte> keyUtf8, int valueLength)
    {
        if (keyUtf8.IsEmpty)
        {
            return -1;
        }

        EnsureCapacity(ref _fields, _fieldsLength, (2 * keyUtf8.Length) + 2 + valueLength);
        var fields = _fields;
        var pos = _fieldsLength;
        if (_fieldCount > 0)
        {
            fields[pos++] = (byte)',';
        }

        pos = WriteKey(fields, pos, keyUtf8);
        fields[pos++] = (byte)'=';
        _fieldCount++;
        return pos;
    }

    /// <summary>Writes an escaped tag or field key; <c>time</c> is renamed because InfluxDB rejects it as a key.</summary>
    /// <remarks>The caller reserved 2 x <paramref name="keyUtf8"/>.Length bytes at <paramref name="pos"/>.</remarks>
    private static int WriteKey(byte[] target, int pos, ReadOnlySpan<byte> keyUtf8)
    {
        if (keyUtf8.Length == 4 && keyUtf8.SequenceEqual("time"u8))
        {
            keyUtf8 = "time_"u8;
        }

        return WriteName(target, pos, keyUtf8, Element.Name);
    }

    /// <summary>
    /// Sorts the tags by escaped key (byte order); of equal keys only the last added is kept (its entry's start is
    /// set to -1). True when they were already in order with no duplicate, so the stored tags can be copied as they are.
    /// </summary>
    private bool SortTags()
    {
        var entries = _tagEntries.AsSpan(0, _tagCount);
        if (AreStrictlyAscending(entries))
        {
            // The mappers add tags in key order: nothing to move, no duplicate to drop.
            return true;
        }

        for (var i = 1; i < entries.Length; i++)
        {
            var current = entries[i];
            var key = _tags.AsSpan(current.Start, current.KeyLength);
            var j = i - 1;
            while (j >= 0 && _tags.AsSpan(entries[j].Start, entries[j].KeyLength).SequenceCompareTo(key) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = current;
        }

        // Insertion sort is stable, so the later of two equal keys sits after the earlier one.
        for (var i = 0; i + 1 < entries.Length; i++)
        {
            if (_tags.AsSpan(entries[i].Start, entries[i].KeyLength)
                .SequenceEqual(_tags.AsSpan(entries[i + 1].Start, entries[i + 1].KeyLength)))
            {
                entries[i] = entries[i] with { Start = -1 };
            }
        }

        return false;
    }

    private bool AreStrictlyAscending(ReadOnlySpan<TagEntry> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            if (_tags.AsSpan(entries[i - 1].Start, entries[i - 1].KeyLength)
                .SequenceCompareTo(_tags.AsSpan(entries[i].Start, entries[i].KeyLength)) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
