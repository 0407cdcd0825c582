namespace HaIngestor.Adapters.InfluxDb;

/// <summary>A sink call's lines with their start offsets (the last entry is the end of the buffer).</summary>
internal readonly struct LineBatch(ReadOnlyMemory<byte> lines, int[] starts, int count)
{
    public int Count => count;

    public int Length(int line) => starts[line + 1] - starts[line];

    /// <summary>The line's bytes, with its trailing newline when it has one.</summary>
    public ReadOnlyMemory<byte> Line(int line) => lines[starts[line]..starts[line + 1]];

    /// <summary>The request body for a set of lines: a slice when they are contiguous, else a copy.</summary>
    public ReadOnlyMemory<byte> Body(LineSet set)
    {
        if (set.IsContiguous)
        {
            return lines[starts[set[0]]..starts[set[set.Count - 1] + 1]];
        }

        var size = 0;
        for (var i = 0; i < set.Count; i++)
        {
            size += Length(set[i]) + 1;
        }

        var body = new byte[size];
        var offset = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var line = Line(set[i]).Span;
            line.CopyTo(body.AsSpan(offset));
            offset += line.Length;
            if (line.Length == 0 || line[^1] != (byte)'\n')
            {
                body[offset++] = (byte)'\n';
            }
        }

        return body.AsMemory(0, offset);
    }
}
