using System.Buffers.Binary;
using System.Text;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Ingestion;

/// <summary>
/// A <see cref="ReceivedEvent"/> as a journal record: version, flags, receive time, home, then the envelope. The
/// header is read back from the envelope itself, so the record stays small and cannot disagree with it.
/// </summary>
internal static class ReceivedEventCodec
{
    private const byte Version = 1;
    private const byte CatchUpFlag = 1;
    private const int FixedSize = 1 + 1 + 8 + 2;

    public static byte[] Encode(ReceivedEvent receivedEvent)
    {
        var home = receivedEvent.Home is null ? [] : Encoding.UTF8.GetBytes(receivedEvent.Home);
        var record = new byte[FixedSize + home.Length + receivedEvent.Envelope.Length];
        record[0] = Version;
        record[1] = receivedEvent.CatchUp ? CatchUpFlag : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(2), receivedEvent.ReceivedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(10), checked((ushort)(receivedEvent.Home is null ? ushort.MaxValue : home.Length)));
        home.CopyTo(record.AsSpan(FixedSize));
        receivedEvent.Envelope.CopyTo(record.AsSpan(FixedSize + home.Length));
        return record;
    }

    public static bool TryDecode(byte[] record, out ReceivedEvent receivedEvent)
    {
        receivedEvent = null!;
        if (record.Length < FixedSize || record[0] != Version)
        {
            return false;
        }

        var homeLength = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(10));
        var hasHome = homeLength != ushort.MaxValue;
        var homeBytes = hasHome ? homeLength : 0;
        if (record.Length < FixedSize + homeBytes)
        {
            return false;
        }

        var home = hasHome ? Encoding.UTF8.GetString(record, FixedSize, homeBytes) : null;
        var envelope = record.AsSpan(FixedSize + homeBytes).ToArray();
        var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(2)));
        if (!EventHeader.TryRead(envelope, out var header))
        {
            header = new EventHeader("unknown", null, receivedAt, null, null);
        }

        receivedEvent = new ReceivedEvent(envelope, header, home, (record[1] & CatchUpFlag) != 0, receivedAt);
        return true;
    }
}
