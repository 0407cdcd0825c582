namespace HaIngestor.TestUtilities;

/// <summary>Bytes and frames (by opcode) seen in one direction of a WebSocket connection, read from the frame headers.</summary>
public sealed class WebSocketWireCounter
{
    private readonly Lock _gate = new();
    private readonly long[] _frames = new long[16];
    private readonly byte[] _header = new byte[14];
    private int _headerLength;
    private long _payloadLeft;
    private long _bytes;
    private long _compressed;

    /// <summary>Bytes on the wire after the HTTP upgrade (frame headers and payloads).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Frames with the RSV1 bit set: permessage-deflate compressed them.</summary>
    public long CompressedFrames
    {
        get
        {
            lock (_gate)
            {
                return _compressed;
            }
        }
    }

    /// <summary>Ping frames (opcode 0x9).</summary>
    public long Pings => FramesOf(0x9);

    /// <summary>Pong frames (opcode 0xA).</summary>
    public long Pongs => FramesOf(0xA);

    /// <summary>Close frames (opcode 0x8).</summary>
    public long Closes => FramesOf(0x8);

    /// <summary>Text frames (opcode 0x1).</summary>
    public long TextFrames => FramesOf(0x1);

    private long FramesOf(int opcode)
    {
        lock (_gate)
        {
            return _frames[opcode];
        }
    }

    /// <summary>Feeds bytes that went over the wire, in order.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _bytes += data.Length;
            while (!data.IsEmpty)
            {
                if (_payloadLeft > 0)
                {
                    var skip = (int)Math.Min(_payloadLeft, data.Length);
                    _payloadLeft -= skip;
                    data = data[skip..];
                    continue;
                }

                _header[_headerLength++] = data[0];
                data = data[1..];
                if (_headerLength >= 2 && _headerLength == HeaderLength())
                {
                    OnHeader();
                }
            }
        }
    }

    private int HeaderLength()
    {
        var length7 = _header[1] & 0x7F;
        var extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((_header[1] & 0x80) != 0 ? 4 : 0);
    }

    private void OnHeader()
    {
        _frames[_header[0] & 0x0F]++;
        if ((_header[0] & 0x40) != 0)
        {
            _compressed++;
        }

        long length = _header[1] & 0x7F;
        if (length == 126)
        {
            length = (_header[2] << 8) | _header[3];
        }
        else if (length == 127)
        {
            length = 0;
            for (var i = 2; i < 10; i++)
            {
                length = (length << 8) | _header[i];
            }
        }

        _payloadLeft = length;
        _headerLength = 0;
    }
}
