using System.Buffers.Binary;
using System.Text;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.Tests.Ingestion;

public sealed class ReceivedEventCodecTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 6, 10, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("Küche", "light.kitchen", "01HX0000000000000000000001", true)]
    [InlineData(null, null, null, false)]
    public void Decode_EncodedEvent_HeaderAsTheReceiveLoopReadItWithoutReadingTheEnvelope(string? home, string? entityId, string? contextId, bool catchUp)
    {
        var timeFired = new DateTimeOffset(2026, 12, 6, 9, 59, 58, TimeSpan.Zero).AddTicks(1234567);
        DateTimeOffset? lastUpdated = entityId is null ? null : timeFired.AddSeconds(-1);
        var header = new EventHeader(entityId is null ? "call_service" : "state_changed", entityId, timeFired, contextId, lastUpdated);

        // The envelope says something else on purpose: the header must come from the record, not from a new read.
        var envelope = Encoding.UTF8.GetBytes("""{"ingestor":{},"id":1,"type":"event","event":{"event_type":"other","time_fired":"2020-01-01T00:00:00Z"}}""");

        Assert.True(ReceivedEventCodec.TryDecode(ReceivedEventCodec.Encode(new ReceivedEvent(envelope, header, home, catchUp, ReceivedAt)), out var decoded));

        Assert.Equal(header, decoded.Header);
        Assert.Equal((home, catchUp, ReceivedAt), (decoded.Home, decoded.CatchUp, decoded.ReceivedAt));
        Assert.Equal(envelope, decoded.Envelope);
    }

    [Fact]
    public void Decode_VersionOneRecord_HeaderReadFromTheEnvelope()
    {
        var envelope = Encoding.UTF8.GetBytes("""{"ingestor":{"home":"Main"},"id":1,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"sensor.a"},"time_fired":"2026-12-06T09:00:00Z"}}""");
        var home = "Main"u8.ToArray();
        var record = new byte[12 + home.Length + envelope.Length];
        record[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(2), ReceivedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(10), (ushort)home.Length);
        home.CopyTo(record.AsSpan(12));
        envelope.CopyTo(record.AsSpan(12 + home.Length));

        Assert.True(ReceivedEventCodec.TryDecode(record, out var decoded));

        Assert.Equal(("state_changed", "sensor.a", "Main"), (decoded.Header.EventType, decoded.Header.EntityId, decoded.Home));
        Assert.Equal(envelope, decoded.Envelope);
    }

    [Fact]
    public void Decode_TruncatedRecord_False()
    {
        var header = new EventHeader("state_changed", "sensor.a", ReceivedAt, "ctx", null);
        var record = ReceivedEventCodec.Encode(new ReceivedEvent("{}"u8.ToArray(), header, "Main", false, ReceivedAt));

        Assert.False(ReceivedEventCodec.TryDecode(record[..20], out _));
    }
}
