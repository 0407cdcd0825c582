using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HaIngestor.Core.Parsing;

/// <summary>
/// The unit that travels between the hosts (Event Hubs bodies, journal records, dead letters, replay files):
/// a Home Assistant event message, with an optional <c>"ingestor":{"home":..,"area":..,"device":..,"catch_up":..}</c>
/// member added as its first property. A plain HA event message is a valid envelope without metadata.
/// </summary>
/// <remarks>
/// Members whose value is null (and <c>catch_up</c> when false) are left out, so an envelope without metadata
/// wraps to <c>"ingestor":{}</c>.
/// </remarks>
public static class IngestEnvelope
{
    /// <summary>The name of the member that carries <see cref="IngestMetadata"/>.</summary>
    public const string MemberName = "ingestor";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// Writes <paramref name="eventMessage"/> with <paramref name="metadata"/> inserted as its first member.
    /// The rest of the message is copied byte for byte. Any existing <c>ingestor</c> member is replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The message is not a well-formed JSON object.</exception>
    public static void Wrap(ReadOnlySpan<byte> eventMessage, in IngestMetadata metadata, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int open;
        int existingStart = -1, existingEnd = -1;
        var memberCount = 0;
        try
        {
            var reader = new Utf8JsonReader(eventMessage, HaFrameReader.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ArgumentException("The event message is not a JSON object.", nameof(eventMessage));
            }

            open = (int)reader.TokenStartIndex;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                memberCount++;
                var start = (int)reader.TokenStartIndex;
                var isIngestor = JsonNames.Is(ref reader, "ingestor"u8);
                reader.Read();
                reader.Skip();
                if (isIngestor && existingStart < 0)
                {
                    existingStart = start;
                    existingEnd = (int)reader.BytesConsumed;
                }
            }

            if (reader.Read())
            {
                throw new ArgumentException("Unexpected content after the event message.", nameof(eventMessage));
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The event message is not well-formed JSON.", nameof(eventMessage), ex);
        }

        Write(output, "{\"ingestor\":"u8);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            WriteMetadata(writer, metadata);
        }

        var rest = eventMessage[(open + 1)..];
        if (existingStart >= 0)
        {
            // Drop the old member and the comma that joined it to its neighbour.
            var before = eventMessage[(open + 1)..existingStart];
            var after = eventMessage[existingEnd..];
            var afterTrimmed = after.TrimStart(" \t\r\n"u8);
            if (afterTrimmed.Length > 0 && afterTrimmed[0] == ',')
            {
                after = afterTrimmed[1..];
            }
            else
            {
                var beforeTrimmed = before.TrimEnd(" \t\r\n"u8);
                if (beforeTrimmed.Length > 0 && beforeTrimmed[^1] == ',')
                {
                    before = beforeTrimmed[..^1];
                }
            }

            Write(output, memberCount > 1 ? ","u8 : default);
            Write(output, before);
            Write(output, after);
            return;
        }

        Write(output, memberCount > 0 ? ","u8 : default);
        Write(output, rest);
    }

    /// <summary>
    /// Wraps a message whose top-level members are already known from the pass that read it
    /// (<see cref="HaFrameReader"/>, or a message this process wrote): the metadata goes in front and the rest is
    /// copied, without scanning the message again. Falls back to <see cref="Wrap(ReadOnlySpan{byte}, in IngestMetadata, IBufferWriter{byte})"/>
    /// when the members are unknown or an <c>ingestor</c> member must be replaced.
    /// </summary>
    public static void Wrap(in HaMessage message, in IngestMetadata metadata, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = message.Json.Span;
        if (message.MemberCount <= 0 || message.HasIngestorMember || json.IsEmpty || json[0] != (byte)'{')
        {
            Wrap(json, metadata, output);
            return;
        }

        Write(output, "{\"ingestor\":"u8);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            WriteMetadata(writer, metadata);
        }

        Write(output, ","u8);
        Write(output, json[1..]);
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
        try
        {
            var reader = new Utf8JsonReader(envelope, HaFrameReader.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIngestor = JsonNames.Is(ref reader, "ingestor"u8);
                reader.Read();
                if (isIngestor)
                {
                    return reader.TokenType == JsonTokenType.StartObject ? ReadMetadataObject(ref reader) : default;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        return default;
    }

    private static IngestMetadata ReadMetadataObject(ref Utf8JsonReader reader)
    {
        string? home = null, area = null, device = null;
        var catchUp = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("home"u8))
            {
                reader.Read();
                home = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("area"u8))
            {
                reader.Read();
                area = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("device"u8))
            {
                reader.Read();
                device = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("catch_up"u8))
            {
                reader.Read();
                catchUp = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Read();
            }

            reader.Skip();
        }

        return new IngestMetadata(home, area, device, catchUp);
    }

    private static void WriteMetadata(Utf8JsonWriter writer, in IngestMetadata metadata)
    {
        writer.WriteStartObject();
        if (metadata.Home is not null)
        {
            writer.WriteString("home"u8, metadata.Home);
        }

        if (metadata.Area is not null)
        {
            writer.WriteString("area"u8, metadata.Area);
        }

        if (metadata.Device is not null)
        {
            writer.WriteString("device"u8, metadata.Device);
        }

        if (metadata.CatchUp)
        {
            writer.WriteBoolean("catch_up"u8, true);
        }

        writer.WriteEndObject();
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
