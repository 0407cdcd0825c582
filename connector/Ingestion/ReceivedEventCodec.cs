using System.Buffers.Binary;
using System.Text;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Ingestion;

/// <summary>
/// A <see cref="ReceivedEvent"/> as a journal record: version, flags, receive time, home, the header as the receive
/// loop read it, then the envelope. Carrying the header means a replayed event is not parsed again for its partition
/// key, context and lag. Version 1 records (no header) are still read, their header then from the envelope.
/// </summary>
internal static class ReceivedEventCodec
{
    private const byte Version1 = 1;
    private const byte Version = 2;
    private const byte CatchUpFlag = 1;
    private const int FixedSize = 1 + 1 + 8 + 2;
    private const ushort Absent = ushort.MaxValue;

    public static byte[] Encode(ReceivedEvent receivedEvent)
    {
        var home = Utf8OrNull(receivedEvent.Home);
        var header = receivedEvent.Header;
        var eventType = Encoding.UTF8.GetBytes(header.EventType ?? string.Empty);
        var entityId = Utf8OrNull(header.EntityId);
        var contextId = Utf8OrNull(header.ContextId);
        var headerSize = Sized(eventType) + Sized(entityId) + Sized(contextId) + 8 + 8;
        var record = new byte[FixedSize + Length(home) + headerSize + receivedEvent.Envelope.Length];
        record[0] = Version;
        record[1] = receivedEvent.CatchUp ? CatchUpFlag : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(2), receivedEvent.ReceivedAt.ToUnixTimeMilliseconds());
        var offset = 10;
        offset = WriteString(record, offset, home);
        offset = WriteString(record, offset, eventType);
        offset = WriteString(record, offset, entityId);
        offset = WriteString(record, offset, contextId);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(offset), header.TimeFired.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(offset + 8), header.LastUpdated?.UtcTicks ?? 0);
        offset += 16;
        receivedEvent.Envelope.CopyTo(record.AsSpan(offset));
        return record;
    }

    public static bool TryDecode(byte[] record, out ReceivedEvent receivedEvent)
    {
        receivedEvent = null!;
        if (record.Length < FixedSize || record[0] is not (Version1 or Version))
        {
            return false;
        }

        var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(2)));
        var catchUp = (record[1] & CatchUpFlag) != 0;
        var offset = 10;
        if (!TryReadString(record, ref offset, out var home))
        {
            return false;
        }

        EventHeader header;
        if (record[0] == Version1)
        {
            var legacy = record.AsSpan(offset).ToArray();
            if (!EventHeader.TryRead(legacy, out header))
            {
                header = new EventHeader("unknown", null, receivedAt, null, null);
            }

            receivedEvent = new ReceivedEvent(legacy, header, home, catchUp, receivedAt);
            return true;
        }

        if (!TryReadString(record, ref offset, out var eventType) || !TryReadString(record, ref offset, out var entityId)
            || !TryReadString(record, ref offset, out var contextId) || record.Length < offset + 16)
        {
            return false;
        }

        var timeFired = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(offset)), TimeSpan.Zero);
        var lastUpdatedTicks = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(offset + 8));
        offset += 16;
        header = new EventHeader(
            eventType ?? "unknown",
            entityId,
            timeFired,
            contextId,
            lastUpdatedTicks == 0 ? null : new DateTimeOffset(lastUpdatedTicks, TimeSpan.Zero));
        receivedEvent = new ReceivedEvent(record.AsSpan(offset).ToArray(), header, home, catchUp, receivedAt);
        return true;
    }

    private static byte[]? Utf8OrNull(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private static int Length(byte[]? bytes) => bytes?.Length ?? 0;

    private static int Sized(byte[]? bytes) => 2 + Length(bytes);

    private static int WriteString(byte[] record, int offset, byte[]? bytes)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(offset), bytes is null ? Absent : checked((ushort)bytes.Length));
        bytes?.CopyTo(record.AsSpan(offset + 2));
        return offset + 2 + Length(bytes);
    }

    private static bool TryReadString(byte[] record, ref int offset, out string? text)
    {
        text = null;
        if (record.Length < offset + 2)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(offset));
        offset += 2;
        if (length == Absent)
        {
            return true;
        }

        if (record.Length < offset + length)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(record, offset, length);
        offset += length;
        return true;
    }
}
