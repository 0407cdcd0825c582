using System.Buffers;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// The unit that travels between the hosts (Event Hubs bodies, journal records, dead letters, replay files):
/// a Home Assistant event message, with an optional <c>"ingestor":{"home":..,"area":..,"device":..,"catch_up":..}</c>
/// member added as its first property. A plain HA event message is a valid envelope without metadata.
/// </summary>
public static class IngestEnvelope
{
    /// <summary>The name of the member that carries <see cref="IngestMetadata"/>.</summary>
    public const string MemberName = "ingestor";

    /// <summary>
    /// Writes <paramref name="eventMessage"/> with <paramref name="metadata"/> inserted as its first member.
    /// The rest of the message is copied byte for byte. Any existing <c>ingestor</c> member is replaced.
    /// </summary>
    public static void Wrap(ReadOnlySpan<byte> eventMessage, in IngestMetadata metadata, IBufferWriter<byte> output)
    {
        throw new NotImplementedException();
    }

    /// <summary>Convenience overload that returns a new array.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> eventMessage, in IngestMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(eventMessage.Length + 128);
        Wrap(eventMessage, metadata, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the metadata of an envelope; default when it has none or the message is unreadable.</summary>
    public static IngestMetadata ReadMetadata(ReadOnlySpan<byte> envelope)
    {
        throw new NotImplementedException();
    }
}
