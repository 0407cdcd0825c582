using System.Text;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Core.Tests.Parsing;

public sealed class IngestEnvelopeTests
{
    private static string Wrap(string message, IngestMetadata metadata)
        => Encoding.UTF8.GetString(IngestEnvelope.Wrap(Encoding.UTF8.GetBytes(message), metadata));

    [Fact]
    public void Wrap_PlainMessage_InsertsMetadataFirstAndCopiesTheRest()
    {
        var wrapped = Wrap("{\"id\":1, \"type\":\"event\"}", new IngestMetadata("Home \"1\"", "Küche", null, true));

        Assert.Equal("{\"ingestor\":{\"home\":\"Home \\\"1\\\"\",\"area\":\"Küche\",\"catch_up\":true},\"id\":1, \"type\":\"event\"}", wrapped);
    }

    [Fact]
    public void Wrap_NoMetadata_EmptyObject()
    {
        Assert.Equal("{\"ingestor\":{},\"id\":1}", Wrap("{\"id\":1}", default));
        Assert.Equal("{\"ingestor\":{}}", Wrap("{}", default));
    }

    [Theory]
    [InlineData("{\"ingestor\":{\"home\":\"old\"},\"id\":1}", "{\"ingestor\":{\"home\":\"new\"},\"id\":1}")]
    [InlineData("{\"id\":1,\"ingestor\":{\"home\":\"old\"}}", "{\"ingestor\":{\"home\":\"new\"},\"id\":1}")]
    [InlineData("{\"id\":1,\"ingestor\":null,\"type\":\"event\"}", "{\"ingestor\":{\"home\":\"new\"},\"id\":1,\"type\":\"event\"}")]
    [InlineData("{\"ingestor\":{}}", "{\"ingestor\":{\"home\":\"new\"}}")]
    [InlineData("{\"\\ud800\":1}", "{\"ingestor\":{\"home\":\"new\"},\"\\ud800\":1}")]
    public void Wrap_ExistingIngestor_Replaced(string message, string expected)
    {
        Assert.Equal(expected, Wrap(message, new IngestMetadata("new", null, null, false)));
    }

    [Fact]
    public void ReadMetadata_WrappedMessage_RoundTrips()
    {
        var metadata = new IngestMetadata("home", "Living room, north", "Lamp", true);
        var wrapped = IngestEnvelope.Wrap("{\"id\":1,\"type\":\"event\"}"u8, metadata);

        Assert.Equal(metadata, IngestEnvelope.ReadMetadata(wrapped));
    }

    [Theory]
    [InlineData("{\"id\":1,\"type\":\"event\"}")]
    [InlineData("not json")]
    [InlineData("{\"ingestor\":\"text\"}")]
    [InlineData("[]")]
    public void ReadMetadata_NoneOrUnreadable_Default(string envelope)
    {
        Assert.Equal(default, IngestEnvelope.ReadMetadata(Encoding.UTF8.GetBytes(envelope)));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"id\":")]
    public void Wrap_NotAnObject_Throws(string message)
    {
        Assert.Throws<ArgumentException>(() => Wrap(message, default));
    }
}
