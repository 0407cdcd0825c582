using HaIngestor.Adapters.InfluxDb;

namespace HaIngestor.Adapters.Tests.InfluxDb;

public sealed class InfluxDbErrorTests
{
    [Fact]
    public void Parse_V1PartialWrite_MessageAndDroppedCount()
    {
        var error = InfluxDbError.Parse("""{"error":"partial write: field type conflict: input field \"value\" on measurement \"m\" is type string, already exists as type float dropped=2"}""");

        Assert.StartsWith("partial write: field type conflict", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Dropped);
        Assert.Empty(error.UnparsableLines);
    }

    [Fact]
    public void Parse_UnableToParse_NamesEveryLine()
    {
        var error = InfluxDbError.Parse("""{"code":"invalid","message":"unable to parse 'm,a=b 1': missing fields\nunable to parse 'x y's z': invalid field format"}""");

        Assert.Equal(["m,a=b 1", "x y's z"], error.UnparsableLines);
        Assert.Null(error.Dropped);
    }

    [Theory]
    [InlineData(null, "no detail given")]
    [InlineData("", "no detail given")]
    [InlineData("plain text failure", "plain text failure")]
    [InlineData("{not json", "{not json")]
    public void Parse_NoJson_KeepsTheText(string? body, string expected)
    {
        Assert.Equal(expected, InfluxDbError.Parse(body).Message);
    }

    [Fact]
    public void Parse_HugeBody_ShortensTheMessage()
    {
        var error = InfluxDbError.Parse(new string('x', 5000));

        Assert.True(error.Message.Length < 600);
    }
}
