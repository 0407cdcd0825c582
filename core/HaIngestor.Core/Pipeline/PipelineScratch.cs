using HaIngestor.Core.Parsing;

namespace HaIngestor.Core.Pipeline;

/// <summary>Per-thread buffers of the pipeline, so processing an event allocates nothing once warm.</summary>
internal sealed class PipelineScratch
{
    [ThreadStatic]
    private static PipelineScratch? _current;

    private byte[] _buffer = new byte[4096];
    private byte[] _keyBuffer = new byte[256];
    private byte[] _composeBuffer = new byte[256];

    public static PipelineScratch Current => _current ??= new PipelineScratch();

    public AttributeBuffer Attributes { get; } = new();

    /// <summary>A buffer of at least <paramref name="length"/> bytes; valid until the next call.</summary>
    public Span<byte> Buffer(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        return _buffer;
    }

    /// <summary>A second buffer, for attribute names that must stay readable while their values are unescaped.</summary>
    public Span<byte> KeyBuffer(int length) => Ensure(ref _keyBuffer, length);

    /// <summary>A third buffer, for field keys composed from a name and a suffix.</summary>
    public Span<byte> ComposeBuffer(int length) => Ensure(ref _composeBuffer, length);

    private static byte[] Ensure(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        return buffer;
    }
}
