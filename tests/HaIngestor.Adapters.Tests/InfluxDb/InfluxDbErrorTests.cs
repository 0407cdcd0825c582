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

    [Fact]
    public void Parse_V3PartialWrite_LineNumbers()
    {
        var error = InfluxDbError.Parse("""{"error":"partial write of line protocol occurred","data":[{"original_line":"m a=1i","line_number":2,"error_message":"invalid column type"},{"original_line":"m b","line_number":5,"error_message":"missing fields"}]}""");

        Assert.Equal("partial write of line protocol occurred", error.Message);
        Assert.Equal([2, 5], error.LineNumbers);
    }

    [Fact]
    public void Parse_CloudFirstRefusedLine_LineNumber()
    {
        var error = InfluxDbError.Parse("""{"code":"invalid","line":3,"message":"failed to parse line protocol: errors encountered on line(s): error parsing line 3"}""");

        Assert.Equal([3], error.LineNumbers);
        Assert.StartsWith("failed to parse line protocol", error.Message, StringComparison.Ordinal);
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
