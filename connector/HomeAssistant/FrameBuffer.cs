using System.Buffers;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// A growable receive buffer on <see cref="ArrayPool{T}"/> that collects the parts of one WebSocket frame.
/// Reused for every frame of a connection, so the steady state allocates nothing.
/// </summary>
internal sealed class FrameBuffer : IDisposable
{
    private const int InitialSize = 64 * 1024;

    // A frame that large is no Home Assistant message we can use; refusing it bounds memory.
    internal const int MaxFrameBytes = 256 * 1024 * 1024;

    // After a big frame (get_states of a large home) give the big array back instead of keeping it for good.
    private const int KeepAtMost = 4 * 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _count;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _count);

    public Memory<byte> GetMemory(int sizeHint)
    {
        if (_buffer.Length - _count < sizeHint)
        {
            var wanted = Math.Max(_buffer.Length * 2L, _count + (long)sizeHint);
            if (wanted > MaxFrameBytes)
            {
                throw new InvalidDataException($"A WebSocket frame exceeded {MaxFrameBytes} bytes.");
            }

            var bigger = ArrayPool<byte>.Shared.Rent((int)wanted);
            _buffer.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(_count);
    }

    public void Advance(int count) => _count += count;

    public void Reset()
    {
        _count = 0;
        if (_buffer.Length > KeepAtMost)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
