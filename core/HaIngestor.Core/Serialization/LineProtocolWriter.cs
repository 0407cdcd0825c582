namespace HaIngestor.Core.Serialization;

/// <summary>
/// The only way line protocol is produced (invariant 4). Writes UTF-8 straight into a pooled buffer, escapes every
/// element per the InfluxDB spec, sorts tags, and keeps the start offset of every line so a rejected line can be
/// traced back to the event that produced it.
/// </summary>
/// <remarks>
/// Use: <c>BeginLine(measurement)</c>, any number of <c>Tag</c> calls (any order; empty values are skipped),
/// one or more <c>Field</c> calls, then <c>EndLine(timestamp)</c>. A line with no field is discarded by
/// <c>EndLine</c> (returns false), since InfluxDB rejects it. <c>CancelLine()</c> drops a line in progress.
/// </remarks>
public sealed class LineProtocolWriter : IDisposable
{
    /// <summary>Creates a writer with the given precision; the buffer is rented from the shared array pool.</summary>
    public LineProtocolWriter(WritePrecision precision = WritePrecision.Milliseconds, int initialCapacity = 16 * 1024)
    {
        Precision = precision;
        _ = initialCapacity;
        throw new NotImplementedException();
    }

    /// <summary>The precision timestamps are written in.</summary>
    public WritePrecision Precision { get; }

    /// <summary>Number of complete lines written since the last <see cref="Clear"/>.</summary>
    public int LineCount => throw new NotImplementedException();

    /// <summary>The complete lines written so far, each terminated by <c>\n</c>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => throw new NotImplementedException();

    /// <summary>The bytes of line <paramref name="index"/> (0-based, without its trailing newline).</summary>
    public ReadOnlySpan<byte> GetLine(int index) => throw new NotImplementedException();

    /// <summary>Starts a line. The measurement must not be empty.</summary>
    public void BeginLine(ReadOnlySpan<byte> measurementUtf8) => throw new NotImplementedException();

    /// <inheritdoc cref="BeginLine(ReadOnlySpan{byte})"/>
    public void BeginLine(string measurement) => throw new NotImplementedException();

    /// <summary>Adds a tag; skipped when the value is empty (InfluxDB forbids empty tag values).</summary>
    public void Tag(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> valueUtf8) => throw new NotImplementedException();

    /// <inheritdoc cref="Tag(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public void Tag(string key, string? value) => throw new NotImplementedException();

    /// <summary>Adds a float field; NaN and infinities are skipped (InfluxDB cannot store them).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, double value) => throw new NotImplementedException();

    /// <summary>Adds an integer field (<c>i</c> suffix).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, long value) => throw new NotImplementedException();

    /// <summary>Adds a boolean field.</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, bool value) => throw new NotImplementedException();

    /// <summary>Adds a string field from UTF-8 text (escaped here).</summary>
    public void Field(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> valueUtf8) => throw new NotImplementedException();

    /// <summary>Adds a string field from a .NET string.</summary>
    public void Field(string key, string value) => throw new NotImplementedException();

    /// <summary>Adds a float field.</summary>
    public void Field(string key, double value) => throw new NotImplementedException();

    /// <summary>Ends the line with a timestamp; returns false (and writes nothing) when it had no field.</summary>
    public bool EndLine(DateTimeOffset timestamp) => throw new NotImplementedException();

    /// <summary>Drops the line in progress, if any.</summary>
    public void CancelLine() => throw new NotImplementedException();

    /// <summary>Forgets every line, keeping the buffer.</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose() => throw new NotImplementedException();
}
