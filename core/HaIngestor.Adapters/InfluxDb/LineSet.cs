namespace HaIngestor.Adapters.InfluxDb;

/// <summary>Some lines of a batch, in ascending order: a range (the usual case) or an explicit list after isolation.</summary>
internal readonly struct LineSet
{
    private readonly int _start;
    private readonly int[]? _lines;

    private LineSet(int start, int count, int[]? lines)
    {
        _start = start;
        Count = count;
        _lines = lines;
    }

    public int Count { get; }

    public bool IsContiguous => _lines is null;

    public int this[int index] => _lines is null ? _start + index : _lines[index];

    public static LineSet Range(int start, int count) => new(start, count, null);

    public static LineSet Of(int[] lines) => new(0, lines.Length, lines);

    /// <summary>Splits into two halves for bisection.</summary>
    public (LineSet First, LineSet Second) Halve()
    {
        var half = Count / 2;
        return _lines is null
            ? (Range(_start, half), Range(_start + half, Count - half))
            : (Of(_lines[..half]), Of(_lines[half..]));
    }

    /// <summary>The lines not in <paramref name="excluded"/>.</summary>
    public LineSet Without(HashSet<int> excluded)
    {
        var rest = new List<int>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (!excluded.Contains(this[i]))
            {
                rest.Add(this[i]);
            }
        }

        return Of([.. rest]);
    }
}
