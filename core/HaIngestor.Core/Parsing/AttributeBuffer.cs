namespace HaIngestor.Core.Parsing;

/// <summary>The members of a state's <c>attributes</c> object, as slices; reused between events of one thread.</summary>
internal sealed class AttributeBuffer
{
    private Entry[] _entries = new Entry[32];

    public int Count { get; private set; }

    public ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(JsonSlice key, JsonSlice value)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        _entries[Count++] = new Entry(key, value);
    }

    /// <summary>One attribute: its name and its value (numbers are parsed only when a mapping needs them).</summary>
    internal readonly record struct Entry(JsonSlice Key, JsonSlice Value)
    {
        public bool IsNumber => Value.Kind == System.Text.Json.JsonTokenType.Number;
    }
}
