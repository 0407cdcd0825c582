using System.Buffers.Binary;
using System.IO.Hashing;

namespace HaIngestor.Connector.Journal;

/// <summary>
/// The on-disk record frame: a 4-byte little-endian payload length, the payload's CRC-32, then the payload. The CRC
/// tells a torn or corrupted write (power loss mid-append) from a real record.
/// </summary>
internal static class JournalRecord
{
    public const int HeaderSize = 8;

    /// <summary>Upper bound of a sane payload; a larger length field means the frame itself is garbage.</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    public static void WriteHeader(Span<byte> header, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
    }

    public static int ReadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header);

    public static bool IsIntact(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == Crc32.HashToUInt32(payload);
}
