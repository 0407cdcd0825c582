using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

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
/// Tags and fields may be interleaved: tags are kept aside and written sorted when the line ends.
/// Escaping rules (see docs/SCHEMA.md): measurement escapes comma and space; tag keys, tag values and field keys
/// escape comma, equals and space; string field values escape double quote and backslash. In the name-like elements
/// newline, carriage return and tab become an escaped space, a backslash that would escape the next delimiter (or
/// end the element) becomes <c>/</c>, the key <c>time</c> (rejected by InfluxDB) becomes <c>time_</c>, and a
/// leading <c>#</c> of a measurement (a comment line) becomes <c>_</c>. Empty keys are skipped.
/// </remarks>
public sealed partial class LineProtocolWriter : IDisposable
{
    private byte[] _buffer;
    private int _written;
    private int _pos;
    private bool _inLine;

    private byte[] _tags;
    private int _tagsLength;
    private TagEntry[] _tagEntries;
    private int _tagCount;

    private byte[] _fields;
    private int _fieldsLength;
    private int _fieldCount;

    private int[] _lineStarts;
    private int _lineCount;

    private byte[] _scratch;
    private bool _disposed;

    /// <summary>Creates a writer with the given precision; the buffer is rented from the shared array pool.</summary>
    public LineProtocolWriter(WritePrecision precision = WritePrecision.Milliseconds, int initialCapacity = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Precision = precision;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        _tags = ArrayPool<byte>.Shared.Rent(1024);
        _fields = ArrayPool<byte>.Shared.Rent(4096);
        _scratch = ArrayPool<byte>.Shared.Rent(1024);
        _tagEntries = ArrayPool<TagEntry>.Shared.Rent(16);
        _lineStarts = ArrayPool<int>.Shared.Rent(128);
    }

    /// <summary>The precision timestamps are written in.</summary>
    public WritePrecision Precision { get; }

    /// <summary>Number of complete lines written since the last <see cref="Clear"/>.</summary>
    public int LineCount => _lineCount;

    /// <summary>The complete lines written so far, each terminated by <c>\n</c>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The complete lines written so far as a span.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Number of bytes of complete lines written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes of line <paramref name="index"/> (0-based, without its trailing newline).</summary>
    public ReadOnlySpan<byte> GetLine(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _lineCount);
        var start = _lineStarts[index];
        var end = index + 1 < _lineCount ? _lineStarts[index + 1] : _written;
        return _buffer.AsSpan(start, end - start - 1);
    }

    /// <summary>Starts a line. The measurement must not be empty.</summary>
    public void BeginLine(ReadOnlySpan<byte> measurementUtf8)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inLine)
        {
            throw new InvalidOperationException("A line is already in progress; call EndLine or CancelLine first.");
        }

        if (measurementUtf8.IsEmpty)
        {
            throw new ArgumentException("The measurement must not be empty.", nameof(measurementUtf8));
        }

        EnsureCapacity(ref _buffer, _written, 2 * measurementUtf8.Length);
        _pos = WriteName(_buffer, _written, measurementUtf8, Element.Measurement);
        _inLine = true;
        _tagsLength = 0;
        _tagCount = 0;
        _fieldsLength = 0;
        _fieldCount = 0;
    }

    /// <inheritdoc cref="BeginLine(ReadOnlySpan{byte})"/>
    public void BeginLine(string measurement)
    {
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        BeginLine(Encode(measurement, 0));
    }

    /// <summary>Ends the line with a timestamp; returns false (and writes nothing) when it had no field.</summary>
    public bool EndLine(DateTimeOffset timestamp)
    {
        EnsureInLine();
        if (_fieldCount == 0)
        {
            CancelLine();
            return false;
        }

        EnsureCapacity(ref _buffer, _pos, _tagsLength + _fieldsLength + 24);
        var span = _buffer.AsSpan();
        var pos = _pos;
        if (SortTags())
        {
            // Each tag is already stored as ",key=value": in order and unique, they go out in one copy.
            _tags.AsSpan(0, _tagsLength).CopyTo(span[pos..]);
            pos += _tagsLength;
        }
        else
        {
            for (var i = 0; i < _tagCount; i++)
            {
                ref readonly var tag = ref _tagEntries[i];
                if (tag.Start < 0)
                {
                    continue;
                }

                span[pos++] = (byte)',';
                _tags.AsSpan(tag.Start, tag.KeyLength + 1 + tag.ValueLength).CopyTo(span[pos..]);
                pos += tag.KeyLength + 1 + tag.ValueLength;
            }
        }

        span[pos++] = (byte)' ';
        _fields.AsSpan(0, _fieldsLength).CopyTo(span[pos..]);
        pos += _fieldsLength;
        span[pos++] = (byte)' ';
        ToEpoch(timestamp, Precision).TryFormat(span[pos..], out var written, default, CultureInfo.InvariantCulture);
        pos += written;
        span[pos++] = (byte)'\n';

        if (_lineCount == _lineStarts.Length)
        {
            Grow(ref _lineStarts, _lineCount * 2);
        }

        _lineStarts[_lineCount++] = _written;
        _written = pos;
        _inLine = false;
        return true;
    }

    /// <summary>Drops the line in progress, if any.</summary>
    public void CancelLine()
    {
        _inLine = false;
        _pos = _written;
        _tagsLength = 0;
        _tagCount = 0;
        _fieldsLength = 0;
        _fieldCount = 0;
    }

    /// <summary>Forgets every line, keeping the buffer.</summary>
    public void Clear()
    {
        CancelLine();
        _written = 0;
        _pos = 0;
        _lineCount = 0;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _inLine = false;
        _written = 0;
        _lineCount = 0;
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_tags);
        ArrayPool<byte>.Shared.Return(_fields);
        ArrayPool<byte>.Shared.Return(_scratch);
        ArrayPool<TagEntry>.Shared.Return(_tagEntries);
        ArrayPool<int>.Shared.Return(_lineStarts);
        _buffer = [];
        _tags = [];
        _fields = [];
        _scratch = [];
        _tagEntries = [];
        _lineStarts = [];
    }

    /// <summary>Converts a timestamp to the integer the given precision writes (floor division before 1970).</summary>
    public static long ToEpoch(DateTimeOffset timestamp, WritePrecision precision)
    {
        var ticks = timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return precision switch
        {
            WritePrecision.Nanoseconds => ticks * 100,
            WritePrecision.Microseconds => FloorDiv(ticks, TimeSpan.TicksPerMicrosecond),
            WritePrecision.Seconds => FloorDiv(ticks, TimeSpan.TicksPerSecond),
            _ => FloorDiv(ticks, TimeSpan.TicksPerMillisecond),
        };
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0)) ? q - 1 : q;
    }

    /// <summary>Called by every tag and field: the check is inlined, the throw kept out of line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureInLine()
    {
        if (!_inLine)
        {
            ThrowNoLine();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoLine() => throw new InvalidOperationException("No line in progress; call BeginLine first.");

    private ReadOnlySpan<byte> Encode(string text, int offset)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        EnsureCapacity(ref _scratch, offset, max);
        var count = Encoding.UTF8.GetBytes(text, _scratch.AsSpan(offset));
        return _scratch.AsSpan(offset, count);
    }

    private static void EnsureCapacity<T>(ref T[] array, int used, int extra)
    {
        if (array.Length - used < extra)
        {
            Grow(ref array, Math.Max(array.Length * 2, used + extra));
        }
    }

    private static void Grow<T>(ref T[] array, int minimum)
    {
        var bigger = ArrayPool<T>.Shared.Rent(minimum);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }

    private readonly record struct TagEntry(int Start, int KeyLength, int ValueLength);
}
