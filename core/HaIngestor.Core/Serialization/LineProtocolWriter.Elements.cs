using System.Globalization;

namespace HaIngestor.Core.Serialization;

/// <summary>Tags and fields.</summary>
public sealed partial class LineProtocolWriter
{
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

        var start = _tagsLength;
        AppendKey(ref _tags, ref _tagsLength, keyUtf8);
        var keyLength = _tagsLength - start;
        AppendEscaped(ref _tags, ref _tagsLength, valueUtf8, Element.Name);
        _tagEntries[_tagCount++] = new TagEntry(start, keyLength, _tagsLength - start - keyLength);
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

    /// <summary>Adds a float field; NaN and infinities are skipped (InfluxDB cannot store them).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, double value)
    {
        EnsureInLine();
        if (!double.IsFinite(value) || !BeginField(keyUtf8))
        {
            return;
        }

        EnsureCapacity(ref _fields, _fieldsLength, 32);
        int written;
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            // Whole numbers (most sensor readings and attributes) format much faster as integers, to the same text
            // as the shortest round-trip form; -0 becomes 0.
            ((long)value).TryFormat(_fields.AsSpan(_fieldsLength), out written, default, CultureInfo.InvariantCulture);
        }
        else
        {
            value.TryFormat(_fields.AsSpan(_fieldsLength), out written, default, CultureInfo.InvariantCulture);
        }

        _fieldsLength += written;
    }

    /// <summary>Adds an integer field (<c>i</c> suffix).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, long value)
    {
        EnsureInLine();
        if (!BeginField(keyUtf8))
        {
            return;
        }

        EnsureCapacity(ref _fields, _fieldsLength, 24);
        value.TryFormat(_fields.AsSpan(_fieldsLength), out var written, default, CultureInfo.InvariantCulture);
        _fieldsLength += written;
        _fields[_fieldsLength++] = (byte)'i';
    }

    /// <summary>Adds a boolean field.</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, bool value)
    {
        EnsureInLine();
        if (!BeginField(keyUtf8))
        {
            return;
        }

        ReadOnlySpan<byte> text = value ? "true"u8 : "false"u8;
        EnsureCapacity(ref _fields, _fieldsLength, text.Length);
        text.CopyTo(_fields.AsSpan(_fieldsLength));
        _fieldsLength += text.Length;
    }

    /// <summary>Adds a string field from UTF-8 text (escaped here).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> valueUtf8)
    {
        EnsureInLine();
        if (!BeginField(keyUtf8))
        {
            return;
        }

        EnsureCapacity(ref _fields, _fieldsLength, 1);
        _fields[_fieldsLength++] = (byte)'"';
        AppendEscaped(ref _fields, ref _fieldsLength, valueUtf8, Element.StringValue);
        EnsureCapacity(ref _fields, _fieldsLength, 1);
        _fields[_fieldsLength++] = (byte)'"';
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

    /// <summary>Writes the separator and the escaped key of a field; false when the key is empty.</summary>
    private bool BeginField(ReadOnlySpan<byte> keyUtf8)
    {
        if (keyUtf8.IsEmpty)
        {
            return false;
        }

        if (_fieldCount > 0)
        {
            EnsureCapacity(ref _fields, _fieldsLength, 1);
            _fields[_fieldsLength++] = (byte)',';
        }

        AppendKey(ref _fields, ref _fieldsLength, keyUtf8);
        EnsureCapacity(ref _fields, _fieldsLength, 1);
        _fields[_fieldsLength++] = (byte)'=';
        _fieldCount++;
        return true;
    }

    /// <summary>Writes an escaped tag or field key; <c>time</c> is renamed because InfluxDB rejects it as a key.</summary>
    private static void AppendKey(ref byte[] target, ref int length, ReadOnlySpan<byte> keyUtf8)
    {
        if (keyUtf8.SequenceEqual("time"u8))
        {
            keyUtf8 = "time_"u8;
        }

        AppendEscaped(ref target, ref length, keyUtf8, Element.Name);
    }

    /// <summary>Sorts the tags by escaped key (byte order); of equal keys only the last added is kept.</summary>
    private void SortTags()
    {
        var entries = _tagEntries.AsSpan(0, _tagCount);
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
    }
}
